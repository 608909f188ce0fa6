package io.taskapi.application;

import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and latencies by route, method and status since the process started, rendered in the Prometheus text
 * format. Label values come from closed sets (route templates, known methods, status codes), so a client cannot make
 * the series grow without bound.
 */
final class RequestCounters {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    // Keyed by value objects rather than label text, so counting a request builds no strings.
    private final ConcurrentMap<Series, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<Route, Histogram> latencies = new ConcurrentHashMap<>();

    /** One series of the request counter. */
    private record Series(Route route, String method, int status) {
        String labels() {
            return "route=\"" + route.template() + "\",method=\"" + method + "\",status=\"" + status + "\"";
        }
    }

    /** Counts one answered request. */
    void record(Route route, String method, int status, long elapsedNanos) {
        String methodLabel = METHODS.contains(method) ? method : "OTHER";
        requests.computeIfAbsent(new Series(route, methodLabel, status), key -> new LongAdder()).increment();
        latencies.computeIfAbsent(route, key -> new Histogram()).observe(elapsedNanos / 1e9);
    }

    private static String labels(Route route) {
        return "route=\"" + route.template() + "\"";
    }

    /** Every counter in the Prometheus text exposition format, version 0.0.4. */
    String prometheusText() {
        StringBuilder text = new StringBuilder(1024);
        text.append("# HELP taskapi_requests_total Requests answered, by route template, method and status.\n");
        text.append("# TYPE taskapi_requests_total counter\n");
        TreeMap<String, LongAdder> counts = new TreeMap<>();
        requests.forEach((series, count) -> counts.put(series.labels(), count));
        counts.forEach((labels, count) ->
                text.append("taskapi_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        text.append("# HELP taskapi_request_duration_seconds Time to answer a request, by route template.\n");
        text.append("# TYPE taskapi_request_duration_seconds histogram\n");
        TreeMap<String, Histogram> histograms = new TreeMap<>();
        latencies.forEach((route, histogram) -> histograms.put(labels(route), histogram));
        histograms.forEach((labels, histogram) -> histogram.appendTo(text, labels));
        return text.toString();
    }

    /** A cumulative latency histogram for one route. */
    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        void appendTo(StringBuilder text, String labels) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                text.append("taskapi_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                        .append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            long total = count.sum();
            text.append("taskapi_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                    .append(total).append('\n');
            text.append("taskapi_request_duration_seconds_sum{").append(labels).append("} ").append(sum.sum())
                    .append('\n');
            text.append("taskapi_request_duration_seconds_count{").append(labels).append("} ").append(total)
                    .append('\n');
        }
    }
}
