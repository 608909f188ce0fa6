package io.taskapi.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Plain SVG charts, written without any library: grouped horizontal bars with whiskers, and a log-x line chart. */
final class Svg {
    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private Svg() {
    }

    /**
     * A value drawn as a bar, with an optional whisker from {@code low} to {@code high} (NaN for none).
     *
     * @param value the bar's length
     * @param low   whisker start
     * @param high  whisker end
     * @param label text after the bar
     */
    record Bar(double value, double low, double high, String label) {
    }

    /** One row of bars, one bar per series. */
    record Row(String category, List<Bar> bars) {
    }

    static void barChart(Path file, String title, String axis, List<String> series, List<Row> rows)
            throws IOException {
        int labelWidth = 330;
        int plotWidth = 520;
        int barHeight = 16;
        int rowGap = 14;
        int top = 60;
        int rowHeight = series.size() * barHeight + rowGap;
        int height = top + rows.size() * rowHeight + 60;
        int width = labelWidth + plotWidth + 150;
        double max = 0;
        for (Row row : rows) {
            for (Bar bar : row.bars()) {
                max = Math.max(max, Double.isNaN(bar.high()) ? bar.value() : Math.max(bar.value(), bar.high()));
            }
        }
        double scale = niceCeiling(max);
        StringBuilder svg = header(width, height, title);
        legend(svg, series, labelWidth, 42);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = top + r * rowHeight;
            svg.append(text(labelWidth - 8, y + series.size() * barHeight / 2.0 + 4, row.category(), "end", 12));
            for (int s = 0; s < row.bars().size(); s++) {
                Bar bar = row.bars().get(s);
                if (Double.isNaN(bar.value())) {
                    continue;
                }
                double by = y + s * barHeight;
                double w = bar.value() / scale * plotWidth;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        labelWidth, by + 1, w, barHeight - 3, COLORS[s % COLORS.length]));
                double end = w;
                if (!Double.isNaN(bar.low()) && !Double.isNaN(bar.high())) {
                    double x1 = labelWidth + bar.low() / scale * plotWidth;
                    double x2 = labelWidth + bar.high() / scale * plotWidth;
                    double cy = by + barHeight / 2.0 - 0.5;
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"#222\" stroke-width=\"1\"/>%n", x1, cy, x2, cy));
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"#222\"/>%n", x1, cy - 4, x1, cy + 4));
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"#222\"/>%n", x2, cy - 4, x2, cy + 4));
                    end = Math.max(end, x2 - labelWidth);
                }
                svg.append(text(labelWidth + end + 6, by + barHeight - 4, bar.label(), "start", 11));
            }
        }
        axis(svg, labelWidth, plotWidth, top + rows.size() * rowHeight, scale, axis, false, 0, 0);
        footer(svg, file);
    }

    /** Lines over a log-scale x axis (one per series), with an optional horizontal reference line. */
    static void lineChart(Path file, String title, String xAxis, String yAxis, List<Double> xs, List<String> series,
                          List<List<Double>> ys, double reference, String referenceLabel) throws IOException {
        int left = 70;
        int plotWidth = 560;
        int plotHeight = 300;
        int top = 50;
        int width = left + plotWidth + 300;
        int height = top + plotHeight + 60;
        double yMax = reference;
        for (List<Double> line : ys) {
            for (double y : line) {
                yMax = Math.max(yMax, y);
            }
        }
        yMax = niceCeiling(yMax * 1.15);
        double logMin = Math.log10(xs.get(0));
        double logMax = Math.log10(xs.get(xs.size() - 1));
        if (logMax == logMin) {
            logMax = logMin + 1;
        }
        StringBuilder svg = header(width, height, title);
        int bottom = top + plotHeight;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n",
                left, bottom, left + plotWidth, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n",
                left, top, left, bottom));
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = bottom - v / yMax * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left, y, left + plotWidth, y));
            svg.append(text(left - 6, y + 4, format(v), "end", 11));
        }
        for (double x : xs) {
            double px = left + (Math.log10(x) - logMin) / (logMax - logMin) * plotWidth;
            svg.append(text(px, bottom + 16, String.format(Locale.ROOT, "%,.0f", x), "middle", 11));
        }
        svg.append(text(left + plotWidth / 2.0, bottom + 38, xAxis, "middle", 12));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 16 %.1f)\">%s</text>%n", top + plotHeight / 2.0, top + plotHeight / 2.0,
                escape(yAxis)));
        if (!Double.isNaN(reference)) {
            double y = bottom - reference / yMax * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\""
                    + " stroke-dasharray=\"6 4\"/>%n", left, y, left + plotWidth, y));
            svg.append(text(left + plotWidth - 4, y - 6, referenceLabel, "end", 11));
        }
        for (int s = 0; s < series.size(); s++) {
            String color = COLORS[s % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                double px = left + (Math.log10(xs.get(i)) - logMin) / (logMax - logMin) * plotWidth;
                double py = bottom - ys.get(s).get(i) / yMax * plotHeight + s * 1.5; // offset: coinciding lines stay visible
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                        px, py, color));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", points.toString().trim(), color));
            int ly = top + 10 + s * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    left + plotWidth + 20, ly - 10, color));
            svg.append(text(left + plotWidth + 38, ly, series.get(s), "start", 12));
        }
        footer(svg, file);
    }

    private static StringBuilder header(int width, int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", width, height));
        svg.append(text(width / 2.0, 24, title, "middle", 15));
        return svg;
    }

    private static void legend(StringBuilder svg, List<String> series, int x, int y) {
        int at = x;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    at, y - 10, COLORS[s % COLORS.length]));
            svg.append(text(at + 16, y, series.get(s), "start", 12));
            at += 24 + series.get(s).length() * 7;
        }
    }

    private static void axis(StringBuilder svg, int left, int width, int y, double scale, String label,
                             boolean unused, int a, int b) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n",
                left, y, left + width, y));
        for (int i = 0; i <= 5; i++) {
            double x = left + width * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>%n",
                    x, y, x, y + 4));
            svg.append(text(x, y + 18, format(scale * i / 5), "middle", 11));
        }
        svg.append(text(left + width / 2.0, y + 38, label, "middle", 12));
    }

    private static void footer(StringBuilder svg, Path file) throws IOException {
        svg.append("</svg>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, svg.toString(), StandardCharsets.UTF_8);
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
