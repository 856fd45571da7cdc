package io.gatehouse.runtime.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallMetricsTest {

    private static final long MS = 1_000_000L;

    private final CallMetrics metrics = new CallMetrics();

    private List<String> lines(String prefix) {
        return metrics.prometheusText().lines().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    void countsCallsAndFailuresPerMethodAndStatus() {
        for (int i = 0; i < 3; i++) {
            metrics.recordCall("Framework/Hello", "ping", 200, false, MS);
        }
        metrics.recordCall("Framework/Hello", "whoami", 401, true, MS);
        metrics.recordCall("Framework/Hello", "whoami", 200, true, MS);
        metrics.recordCall("Framework/Hello", "whoami", 200, false, MS);
        assertEquals(List.of(
                "gatehouse_calls_total{service=\"Framework/Hello\",method=\"ping\"} 3",
                "gatehouse_calls_total{service=\"Framework/Hello\",method=\"whoami\"} 3"), lines("gatehouse_calls_total"));
        assertEquals(List.of(
                "gatehouse_call_errors_total{service=\"Framework/Hello\",method=\"whoami\",status=\"200\"} 1",
                "gatehouse_call_errors_total{service=\"Framework/Hello\",method=\"whoami\",status=\"401\"} 1"),
                lines("gatehouse_call_errors_total"));
    }

    @Test
    void theHistogramIsCumulativeWithTheBoundsInclusive() {
        metrics.recordCall("A/B", "m", 200, false, 1 * MS);       // le 0.001 (bound included)
        metrics.recordCall("A/B", "m", 200, false, 1 * MS + 1);   // le 0.0025
        metrics.recordCall("A/B", "m", 200, false, 20_000 * MS);  // above every bound
        List<String> buckets = lines("gatehouse_call_duration_seconds_bucket");
        assertEquals(CallMetrics.BOUNDS.length + 1, buckets.size());
        assertEquals("gatehouse_call_duration_seconds_bucket{service=\"A/B\",method=\"m\",le=\"0.0005\"} 0", buckets.get(0));
        assertEquals("gatehouse_call_duration_seconds_bucket{service=\"A/B\",method=\"m\",le=\"0.001\"} 1", buckets.get(1));
        assertEquals("gatehouse_call_duration_seconds_bucket{service=\"A/B\",method=\"m\",le=\"0.0025\"} 2", buckets.get(2));
        assertEquals("gatehouse_call_duration_seconds_bucket{service=\"A/B\",method=\"m\",le=\"10\"} 2",
                buckets.get(CallMetrics.BOUNDS.length - 1));
        assertEquals("gatehouse_call_duration_seconds_bucket{service=\"A/B\",method=\"m\",le=\"+Inf\"} 3",
                buckets.get(CallMetrics.BOUNDS.length));
        assertEquals(List.of("gatehouse_call_duration_seconds_count{service=\"A/B\",method=\"m\"} 3"),
                lines("gatehouse_call_duration_seconds_count"));
        String sum = lines("gatehouse_call_duration_seconds_sum").get(0);
        assertEquals(20.002, Double.parseDouble(sum.substring(sum.lastIndexOf(' ') + 1)), 1e-6);
    }

    @Test
    void callsThatReachedNoMethodAreCountedByStatusAlone() {
        metrics.recordUnrouted(404);
        metrics.recordUnrouted(404);
        metrics.recordUnrouted(501);
        assertEquals(List.of("gatehouse_unrouted_calls_total{status=\"404\"} 2",
                "gatehouse_unrouted_calls_total{status=\"501\"} 1"), lines("gatehouse_unrouted_calls_total"));
        assertEquals(List.of(), lines("gatehouse_calls_total{"));
    }

    @Test
    void everyFamilyHasItsHelpAndType() {
        String text = metrics.prometheusText();
        for (String family : new String[] {"gatehouse_calls_total counter", "gatehouse_call_errors_total counter",
                "gatehouse_call_duration_seconds histogram", "gatehouse_unrouted_calls_total counter"}) {
            assertTrue(text.contains("# TYPE " + family + "\n"), family);
            assertTrue(text.contains("# HELP " + family.substring(0, family.indexOf(' ')) + " "), family);
        }
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\\b\\\"c\\nd", CallMetrics.escape("a\\b\"c\nd"));
    }
}
