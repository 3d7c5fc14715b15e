package io.github.spred4j.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

final class PngCheck {
    private PngCheck() {
    }

    /** A real PNG (signature, decodes) of the chart size, with drawn content (many colours, not a blank canvas). */
    static void assertPng(Path f) throws IOException {
        assertTrue(Files.exists(f), f + " missing");
        byte[] sig = new byte[8];
        try (InputStream in = Files.newInputStream(f)) {
            assertEquals(8, in.readNBytes(sig, 0, 8));
        }
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, sig, "PNG signature");
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, "decodes");
        assertEquals(Chart.WIDTH, img.getWidth());
        assertEquals(Chart.HEIGHT, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) {
                int c = img.getRGB(x, y) & 0xffffff;
                colours.add(c);
                if (c != 0xffffff) nonWhite++;
            }
        assertTrue(colours.size() > 20, "drawn content: " + colours.size() + " colours");
        assertTrue(nonWhite > 2000, "drawn content: " + nonWhite + " non-white pixels sampled");
    }
}
