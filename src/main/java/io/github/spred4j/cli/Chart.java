package io.github.spred4j.cli;

import io.github.spred4j.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, dependency-free chart for the path and CV plots: lines, points with error bars, dashed vertical
 * markers, a bottom axis with "nice" ticks, a labelled top axis (glmnet prints the number of nonzeros there),
 * a legend and a title. Drawn headless into a BufferedImage and written as PNG atomically.
 */
final class Chart {
    static final int WIDTH = 960;
    static final int HEIGHT = 640;

    /** Colour-blind-friendly palette (Okabe–Ito), then a few more distinct hues. */
    static final Color[] PALETTE = {
            new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66),
            new Color(128, 0, 0), new Color(100, 100, 100), new Color(0, 80, 0), new Color(120, 60, 160)};

    private record Line(double[] x, double[] y, Color color, String label) {}
    private record Points(double[] x, double[] y, double[] lo, double[] hi, Color color, String label) {}
    private record VLine(double x, String label) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Line> lines = new ArrayList<>();
    private final List<Points> points = new ArrayList<>();
    private final List<VLine> vlines = new ArrayList<>();
    private double[] topX;
    private String[] topLabels;
    private boolean hline0;

    Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    Chart line(double[] x, double[] y, Color c, String label) {
        lines.add(new Line(x, y, c, label));
        return this;
    }

    Chart pointsWithBars(double[] x, double[] y, double[] lo, double[] hi, Color c, String label) {
        points.add(new Points(x, y, lo, hi, c, label));
        return this;
    }

    Chart vline(double x, String label) {
        vlines.add(new VLine(x, label));
        return this;
    }

    Chart zeroLine() {
        hline0 = true;
        return this;
    }

    /** Labels along the top axis at the given x positions (a subset is drawn where they would collide). */
    Chart topAxis(double[] x, String[] labels) {
        topX = x;
        topLabels = labels;
        return this;
    }

    BufferedImage render() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    void write(Path file) throws IOException {
        BufferedImage img = render();
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JVM");
        });
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(base);
        boolean legend = lines.stream().anyMatch(l -> l.label != null) || points.stream().anyMatch(p -> p.label != null);
        int left = 90, right = legend ? 170 : 30, top = topX != null ? 80 : 50, bottom = 70;
        int pw = WIDTH - left - right, ph = HEIGHT - top - bottom;

        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (Line l : lines)
            for (int i = 0; i < l.x.length; i++) {
                xmin = Math.min(xmin, l.x[i]); xmax = Math.max(xmax, l.x[i]);
                ymin = Math.min(ymin, l.y[i]); ymax = Math.max(ymax, l.y[i]);
            }
        for (Points p : points)
            for (int i = 0; i < p.x.length; i++) {
                xmin = Math.min(xmin, p.x[i]); xmax = Math.max(xmax, p.x[i]);
                ymin = Math.min(ymin, Math.min(p.y[i], p.lo[i])); ymax = Math.max(ymax, Math.max(p.y[i], p.hi[i]));
            }
        for (VLine v : vlines) { xmin = Math.min(xmin, v.x); xmax = Math.max(xmax, v.x); }
        if (!(xmin <= xmax)) { xmin = 0; xmax = 1; }
        if (!(ymin <= ymax)) { ymin = 0; ymax = 1; }
        if (xmax - xmin < 1e-12) { xmin -= 0.5; xmax += 0.5; }
        if (ymax - ymin < 1e-12 * Math.max(1, Math.abs(ymax))) { double d = Math.max(1e-3, Math.abs(ymax) * 0.1); ymin -= d; ymax += d; }
        double xpad = (xmax - xmin) * 0.03, ypad = (ymax - ymin) * 0.05;
        final double x0 = xmin - xpad, x1 = xmax + xpad, y0 = ymin - ypad, y1 = ymax + ypad;
        java.util.function.DoubleUnaryOperator sx = x -> left + (x - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = y -> top + ph - (y - y0) / (y1 - y0) * ph;

        // grid and ticks
        FontMetrics fm = g.getFontMetrics();
        double[] xt = niceTicks(x0, x1, 8), yt = niceTicks(y0, y1, 8);
        g.setColor(new Color(235, 235, 235));
        for (double t : xt) g.draw(new Line2D.Double(sx.applyAsDouble(t), top, sx.applyAsDouble(t), top + ph));
        for (double t : yt) g.draw(new Line2D.Double(left, sy.applyAsDouble(t), left + pw, sy.applyAsDouble(t)));
        g.setColor(Color.BLACK);
        for (double t : xt) {
            double px = sx.applyAsDouble(t);
            g.draw(new Line2D.Double(px, top + ph, px, top + ph + 5));
            String s = tickLabel(t, xt);
            g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), top + ph + 20);
        }
        for (double t : yt) {
            double py = sy.applyAsDouble(t);
            g.draw(new Line2D.Double(left - 5, py, left, py));
            String s = tickLabel(t, yt);
            g.drawString(s, left - 8 - fm.stringWidth(s), (float) (py + fm.getAscent() / 2.0 - 2));
        }
        if (hline0 && y0 < 0 && y1 > 0) {
            g.setColor(Color.GRAY);
            g.setStroke(dashed(1f));
            g.draw(new Line2D.Double(left, sy.applyAsDouble(0), left + pw, sy.applyAsDouble(0)));
        }
        // top axis
        if (topX != null) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            // labels are placed from the right (largest lambda first, where the path starts); one that would
            // touch its right-hand neighbour is skipped
            Integer[] order = new Integer[topX.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(topX[b], topX[a]));
            double lastLeft = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double px = sx.applyAsDouble(topX[i]);
                int w = fm.stringWidth(topLabels[i]);
                if (px + w / 2.0 > lastLeft - 10) continue;
                g.draw(new Line2D.Double(px, top, px, top - 5));
                g.drawString(topLabels[i], (float) (px - w / 2.0), top - 9);
                lastLeft = px - w / 2.0;
            }
        }
        // data, clipped to the plot area
        g.setClip(left, top, pw, ph);
        for (Line l : lines) {
            g.setColor(l.color);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 1; i < l.x.length; i++)
                g.draw(new Line2D.Double(sx.applyAsDouble(l.x[i - 1]), sy.applyAsDouble(l.y[i - 1]), sx.applyAsDouble(l.x[i]), sy.applyAsDouble(l.y[i])));
        }
        for (Points p : points) {
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < p.x.length; i++) {
                double px = sx.applyAsDouble(p.x[i]);
                g.setColor(Color.GRAY);
                g.draw(new Line2D.Double(px, sy.applyAsDouble(p.lo[i]), px, sy.applyAsDouble(p.hi[i])));
                g.draw(new Line2D.Double(px - 3, sy.applyAsDouble(p.lo[i]), px + 3, sy.applyAsDouble(p.lo[i])));
                g.draw(new Line2D.Double(px - 3, sy.applyAsDouble(p.hi[i]), px + 3, sy.applyAsDouble(p.hi[i])));
                g.setColor(p.color);
                double py = sy.applyAsDouble(p.y[i]);
                g.fill(new java.awt.geom.Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
            }
        }
        g.setClip(null);
        for (VLine v : vlines) {
            g.setColor(Color.DARK_GRAY);
            g.setStroke(dashed(1.3f));
            double px = sx.applyAsDouble(v.x);
            g.draw(new Line2D.Double(px, top, px, top + ph));
            if (v.label != null) {
                g.setFont(base.deriveFont(Font.ITALIC, 12f));
                FontMetrics f2 = g.getFontMetrics();
                g.drawString(v.label, (float) (px + 4), top + 16 + f2.getAscent() * (vlines.indexOf(v) % 2) * 1.2f);
                g.setFont(base);
            }
        }
        // frame
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Rectangle2D.Double(left, top, pw, ph));
        // labels and title
        g.setFont(base.deriveFont(Font.BOLD, 16f));
        FontMetrics tf = g.getFontMetrics();
        g.drawString(title, (WIDTH - right + left - tf.stringWidth(title)) / 2f, 24);
        g.setFont(base.deriveFont(14f));
        FontMetrics lf = g.getFontMetrics();
        g.drawString(xLabel, left + (pw - lf.stringWidth(xLabel)) / 2f, HEIGHT - 22);
        Graphics2D gr = (Graphics2D) g.create();
        gr.rotate(-Math.PI / 2);
        gr.drawString(yLabel, -(top + (ph + lf.stringWidth(yLabel)) / 2f), 22);
        gr.dispose();
        // legend
        if (legend) {
            g.setFont(base.deriveFont(12f));
            FontMetrics gf = g.getFontMetrics();
            int lx = left + pw + 14, ly = top + 4;
            List<Object[]> entries = new ArrayList<>();
            for (Line l : lines) if (l.label != null) entries.add(new Object[]{l.color, l.label, false});
            for (Points p : points) if (p.label != null) entries.add(new Object[]{p.color, p.label, true});
            int maxEntries = Math.max(1, (ph - 8) / 18);
            for (int i = 0; i < Math.min(entries.size(), maxEntries); i++) {
                Object[] e = entries.get(i);
                int yy = ly + i * 18;
                g.setColor((Color) e[0]);
                if ((Boolean) e[2]) g.fillOval(lx + 6, yy + 5, 7, 7);
                else {
                    g.setStroke(new BasicStroke(2.5f));
                    g.drawLine(lx, yy + 9, lx + 20, yy + 9);
                }
                g.setColor(Color.BLACK);
                String s = (String) e[1];
                while (gf.stringWidth(s) > right - 46 && s.length() > 4) s = s.substring(0, s.length() - 2) + "…";
                g.drawString(s, lx + 26, yy + 9 + gf.getAscent() / 2 - 1);
            }
            if (entries.size() > maxEntries) {
                g.setColor(Color.DARK_GRAY);
                g.drawString("+" + (entries.size() - maxEntries) + " more", lx + 26, ly + maxEntries * 18 + 9);
            }
        }
    }

    private static Stroke dashed(float w) {
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 5f}, 0f);
    }

    /** 1-2-5 ticks covering [lo, hi], about {@code target} of them. */
    static double[] niceTicks(double lo, double hi, int target) {
        double span = hi - lo;
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[]{1, 2, 5, 10}) {
            step = m * mag;
            if (span / step <= target) break;
        }
        double first = Math.ceil(lo / step) * step;
        List<Double> t = new ArrayList<>();
        for (double v = first; v <= hi + step * 1e-9; v += step) t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String tickLabel(double v, double[] ticks) {
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(v);
        double amax = 0;
        for (double t : ticks) amax = Math.max(amax, Math.abs(t));
        if (amax >= 1e6 || (amax > 0 && amax < 1e-3)) return String.format(Locale.ROOT, "%.2g", v);
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }
}
