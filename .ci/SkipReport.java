import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The skip report at the end of .ci/run: every skipped test, by class, with its reason, read from the JUnit XML
 * reports (surefire and failsafe) of every module; fails when a test that can run on a CPU machine skipped.
 *
 *   java .ci/SkipReport.java SHARED_DIR REPORT_DIR...
 *
 * A skip is allowed only for a reason a CPU CI machine cannot help: no GPU (CUDA, opencl-gpu), a run that only its
 * own script does (the ASan canary, benchmarks), and real data when SHARED_DIR (../shared) is absent. Everything
 * else, including a skip without a reason and a report directory with no tests in it, fails.
 */
public class SkipReport {
    record Skip(String cls, String test, String reason) {}

    /** Why a skip is allowed on a CPU CI machine, or null when it is not. */
    static String allowed(Skip s, boolean sharedPresent) {
        String r = s.reason() == null ? "" : s.reason();
        if (s.cls().startsWith("io.github.spred4j.backend.cuda.")) return "CUDA (no GPU)";
        if (s.cls().endsWith(".OpenClGpuConformanceTest") || r.startsWith("opencl-gpu") || r.startsWith("backend opencl-gpu"))
            return "OpenCL GPU (no GPU)";
        if (r.startsWith("cuda") || r.startsWith("backend cuda")) return "CUDA (no GPU)";
        if (r.equals("every backend is available on this machine")) return "needs an unavailable backend";
        if (r.startsWith("only under scripts/asan-test.sh") || r.startsWith("only scripts/asan-test.sh"))
            return "runs in the ASan step";
        if (r.startsWith("benchmark:")) return "benchmark, run by hand";
        if (r.contains("../shared") || r.contains("data absent"))
            return sharedPresent ? null : "real data, ../shared absent";
        return null;
    }

    /**
     * The skip's reason: the message attribute where the report has one (@Disabled), else the first line of the
     * element's text (surefire writes an assumption's exception and stack there), without the exception's name.
     */
    static String reason(Element skipped) {
        String r = skipped.getAttribute("message");
        if (r.isBlank()) {
            String text = skipped.getTextContent().strip();
            int nl = text.indexOf('\n');
            r = nl < 0 ? text : text.substring(0, nl).strip();
        }
        for (String prefix : new String[]{"org.opentest4j.TestAbortedException:", "Assumption failed:"})
            if (r.startsWith(prefix)) r = r.substring(prefix.length()).strip();
        return r.isEmpty() ? null : r;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java .ci/SkipReport.java SHARED_DIR REPORT_DIR...");
            System.exit(2);
        }
        boolean sharedPresent = Files.isDirectory(Path.of(args[0]));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Map<String, List<Skip>> byClass = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long tests = 0, skipped = 0;
        for (int a = 1; a < args.length; a++) {
            Path dir = Path.of(args[a]);
            List<Path> files;
            try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
            }
            long here = 0;
            for (Path file : files) {
                Document d = f.newDocumentBuilder().parse(file.toFile());
                NodeList cases = d.getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    here++;
                    NodeList sk = c.getElementsByTagName("skipped");
                    if (sk.getLength() == 0) continue;
                    String reason = reason((Element) sk.item(0));
                    Skip s = new Skip(c.getAttribute("classname"), c.getAttribute("name"), reason);
                    byClass.computeIfAbsent(s.cls(), k -> new ArrayList<>()).add(s);
                    skipped++;
                }
            }
            System.out.printf("skip-report: %s: %d tests in %d report files%n", dir, here, files.size());
            if (here == 0) problems.add(dir + " holds no test results (did the module's tests run?)");
            tests += here;
        }
        System.out.printf("skip-report: %d tests, %d skipped (../shared %s)%n", tests, skipped,
                sharedPresent ? "present" : "absent");
        for (Map.Entry<String, List<Skip>> e : byClass.entrySet()) {
            Map<String, Integer> reasons = new TreeMap<>();
            for (Skip s : e.getValue()) reasons.merge(String.valueOf(s.reason()), 1, Integer::sum);
            System.out.printf("  %s: %d skipped%n", e.getKey(), e.getValue().size());
            for (Map.Entry<String, Integer> r : reasons.entrySet()) {
                Skip any = e.getValue().stream().filter(s -> String.valueOf(s.reason()).equals(r.getKey())).findFirst().get();
                String ok = allowed(any, sharedPresent);
                System.out.printf("    %3d x %s  [%s]%n", r.getValue(), r.getKey(), ok == null ? "NOT ALLOWED" : "allowed: " + ok);
                if (ok == null)
                    problems.add(e.getKey() + " skipped " + r.getValue() + " test(s) on a CPU machine: " + r.getKey());
            }
        }
        if (!problems.isEmpty()) {
            for (String p : problems) System.out.println("skip-report: FAIL: " + p);
            System.exit(1);
        }
        System.out.println("skip-report: OK: every skip is one a CPU machine cannot avoid");
    }
}
