package io.github.spred4j.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's Java blocks are code that a test compiles and runs: each block's lines (trimmed, blank lines
 * dropped) must appear in that order, contiguously, in one test source (its twin), and each {@code import} line
 * among the twin's imports. A README edit that the code no longer matches (or a test edit that the README no longer
 * shows) fails here.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** Java blocks of the main README that run in this module's tests (the Tribuo and Spark ones run in theirs). */
    @Test
    void coreReadmeBlocksHaveTwins() throws IOException {
        List<List<String>> blocks = blocks(Path.of("README.md"));
        assertTrue(blocks.size() >= 2, "README.md has its Java blocks");
        List<List<String>> sources = sources(Path.of("src/test/java"));
        for (List<String> block : blocks.subList(0, 2)) {
            if (sources.stream().noneMatch(src -> twin(block, src)))
                fail("no test runs this README block as written (copy it verbatim into a test, e.g. ReadmeExampleTest):\n" + String.join("\n", block));
        }
    }

    /**
     * Every Java block of the Spark and Tribuo READMEs runs in that module's tests (their ReadmeExamplesTest), so a
     * user who pastes one gets code that compiles and does what the README says; the adapters are separate Maven
     * modules, so their twins are searched in their own test sources.
     */
    @Test
    void adapterReadmeBlocksHaveTwins() throws IOException {
        for (String module : new String[]{"spark", "tribuo"}) {
            List<List<String>> blocks = blocks(Path.of(module, "README.md"));
            assertTrue(blocks.size() >= 2, module + "/README.md has its Java blocks");
            List<List<String>> sources = sources(Path.of(module, "src/test/java"));
            // the main README's excerpt of this adapter (its block 2: Tribuo, 3: Spark) runs there too; block 4 (the
            // optimizer-step loop) is a sketch around a user's own gradient, run in full by GolubGeneSelectionTest
            blocks.add(blocks(Path.of("README.md")).get(module.equals("tribuo") ? 2 : 3));
            for (List<String> block : blocks) {
                if (sources.stream().noneMatch(src -> twin(block, src)))
                    fail("no " + module + " test runs this " + module + "/README.md block as written (copy it verbatim into "
                            + module + "'s ReadmeExamplesTest):\n" + String.join("\n", block));
            }
        }
    }

    static List<List<String>> blocks(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(file));
        while (m.find()) out.add(lines(m.group(1)));
        return out;
    }

    static List<List<String>> sources(Path root) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) out.add(lines(Files.readString(f)));
        }
        return out;
    }

    private static List<String> lines(String text) {
        List<String> l = new ArrayList<>();
        for (String s : text.split("\\R")) if (!s.isBlank()) l.add(s.strip());
        return l;
    }

    /** Whether {@code src} imports the block's imports and holds its other lines contiguously, in order. */
    static boolean twin(List<String> block, List<String> src) {
        List<String> code = new ArrayList<>();
        for (String l : block) {
            if (l.startsWith("import ")) {
                if (!src.contains(l)) return false;
            } else {
                code.add(l);
            }
        }
        return java.util.Collections.indexOfSubList(src, code) >= 0;
    }
}
