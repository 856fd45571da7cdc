package io.gatehouse.runtime.monitoring;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per service and method: calls, failed calls by HTTP status, and the time to answer as a histogram, written as
 * Prometheus text (exposition format 0.0.4, which OpenMetrics scrapers read too). The same names on every server,
 * because WildFly has no MicroProfile Metrics and Payara's adds its own prefixes and labels.
 *
 * <p>Only calls that reached a method of the service table are recorded by name, so what a caller sends cannot add
 * series: the rest are counted by status alone ({@code gatehouse_unrouted_calls_total}). Recording is a few adders,
 * no lock.
 */
@ApplicationScoped
public class CallMetrics {

    /** The histogram's upper bounds, in seconds, as the {@code le} labels spell them. */
    static final String[] BOUNDS = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
            "0.5", "1", "2.5", "5", "10"};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS.length];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(Double.parseDouble(BOUNDS[i]) * 1e9);
        }
    }

    private final ConcurrentMap<String, ConcurrentMap<String, MethodFigures>> services = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, LongAdder> unrouted = new ConcurrentHashMap<>();

    /**
     * A call answered by a method of the service table.
     *
     * @param failed whether the reply was an S_ERROR (whatever its HTTP status)
     */
    public void recordCall(String service, String method, int status, boolean failed, long nanos) {
        services.computeIfAbsent(service, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, name -> new MethodFigures())
                .record(status, failed, nanos);
    }

    /** A call refused before a method was found (no such service or method, a malformed request). */
    public void recordUnrouted(int status) {
        unrouted.computeIfAbsent(status, code -> new LongAdder()).increment();
    }

    /** Everything recorded so far, in Prometheus text. */
    public String prometheusText() {
        Map<String, Map<String, MethodFigures>> sorted = new TreeMap<>();
        services.forEach((service, methods) -> sorted.put(service, new TreeMap<>(methods)));
        StringBuilder out = new StringBuilder(4096);
        header(out, "gatehouse_calls_total", "counter", "Calls answered by each service method.");
        sorted.forEach((service, methods) -> methods.forEach((method, figures) ->
                sample(out, "gatehouse_calls_total", labels(service, method), figures.calls.sum())));
        header(out, "gatehouse_call_errors_total", "counter",
                "Calls of each service method answered with S_ERROR, by HTTP status.");
        sorted.forEach((service, methods) -> methods.forEach((method, figures) ->
                new TreeMap<>(figures.errors).forEach((status, count) -> sample(out, "gatehouse_call_errors_total",
                        labels(service, method) + ",status=\"" + status + "\"", count.sum()))));
        header(out, "gatehouse_call_duration_seconds", "histogram",
                "Time from the call's arrival at the dispatcher to its reply, by service method.");
        sorted.forEach((service, methods) -> methods.forEach((method, figures) ->
                figures.writeHistogram(out, labels(service, method))));
        header(out, "gatehouse_unrouted_calls_total", "counter",
                "Calls refused before reaching a method (unknown service or method, malformed call), by HTTP status.");
        new TreeMap<>(unrouted).forEach((status, count) ->
                sample(out, "gatehouse_unrouted_calls_total", "status=\"" + status + "\"", count.sum()));
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, Object value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String labels(String service, String method) {
        return "service=\"" + escape(service) + "\",method=\"" + escape(method) + "\"";
    }

    // Label values escape backslash, double quote and line feed (the exposition format's rule).
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static final class MethodFigures {
        final LongAdder calls = new LongAdder();
        final ConcurrentMap<Integer, LongAdder> errors = new ConcurrentHashMap<>();
        /** Calls per bucket (not cumulative); the last counts those above every bound. */
        final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
        final LongAdder totalNanos = new LongAdder();

        MethodFigures() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(int status, boolean failed, long nanos) {
            calls.increment();
            if (failed) {
                errors.computeIfAbsent(status, code -> new LongAdder()).increment();
            }
            int bucket = 0;
            while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
                bucket++;
            }
            buckets[bucket].increment();
            totalNanos.add(Math.max(0, nanos));
        }

        void writeHistogram(StringBuilder out, String labels) {
            long cumulative = 0;
            for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += buckets[i].sum();
                sample(out, "gatehouse_call_duration_seconds_bucket", labels + ",le=\"" + BOUNDS[i] + "\"",
                        cumulative);
            }
            cumulative += buckets[BOUNDS.length].sum();
            sample(out, "gatehouse_call_duration_seconds_bucket", labels + ",le=\"+Inf\"", cumulative);
            sample(out, "gatehouse_call_duration_seconds_sum", labels, totalNanos.sum() / 1e9);
            sample(out, "gatehouse_call_duration_seconds_count", labels, cumulative);
        }
    }
}
