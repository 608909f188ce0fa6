package io.taskapi.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Summary of a sample: median, quartiles, min and max. Quartiles by linear interpolation between order statistics.
 *
 * @param n      sample size
 * @param median the median
 * @param p25    first quartile
 * @param p75    third quartile
 * @param min    smallest value
 * @param max    largest value
 */
public record Stats(int n, double median, double p25, double p75, double min, double max) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Stats(sorted.size(), quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    static double quantile(List<Double> sorted, double q) {
        double position = q * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
    }

    /** "median (IQR p25–p75, min–max)" with the given number of decimals. */
    public String describe(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (IQR " + f + "–" + f + ", range " + f + "–" + f + ")",
                median, p25, p75, min, max);
    }
}
