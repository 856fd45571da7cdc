package io.gatehouse.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /gatehouse-metrics} on the server under test: after a known number of calls, the per-method counters
 * moved by exactly that much, failures by their status, and a caller cannot add series by sending names.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsTest {

    private static final String GUARDED = "Test/Guarded";
    private static final String MEMBERS = "service=\"Test/Guarded\",method=\"members\"";

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    @Test
    void countsCallsErrorsAndTimesPerMethod() {
        String before = metrics();
        Caller alice = Caller.user("alice");
        Caller visitor = Caller.visitor();
        for (int i = 0; i < 7; i++) {
            assertEquals(200, alice.call(GUARDED, "members", "[]").status());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(401, visitor.call(GUARDED, "members", "[]").status());
        }
        assertEquals(501, alice.call(GUARDED, "noSuchMethodAnywhere", "[]").status());
        String after = metrics();

        assertEquals(9, value(after, "gatehouse_calls_total{" + MEMBERS + "}")
                - value(before, "gatehouse_calls_total{" + MEMBERS + "}"));
        assertEquals(2, value(after, "gatehouse_call_errors_total{" + MEMBERS + ",status=\"401\"}")
                - value(before, "gatehouse_call_errors_total{" + MEMBERS + ",status=\"401\"}"));
        assertEquals(9, value(after, "gatehouse_call_duration_seconds_count{" + MEMBERS + "}")
                - value(before, "gatehouse_call_duration_seconds_count{" + MEMBERS + "}"));
        assertEquals(9, value(after, "gatehouse_call_duration_seconds_bucket{" + MEMBERS + ",le=\"+Inf\"}")
                - value(before, "gatehouse_call_duration_seconds_bucket{" + MEMBERS + ",le=\"+Inf\"}"));
        assertEquals(1, value(after, "gatehouse_unrouted_calls_total{status=\"501\"}")
                - value(before, "gatehouse_unrouted_calls_total{status=\"501\"}"));
        assertFalse(after.contains("noSuchMethodAnywhere"), "a caller's names make no series");
        assertTrue(after.contains("# TYPE gatehouse_call_duration_seconds histogram\n"));
    }

    @Test
    void theTextIsPrometheusExpositionFormat() {
        Reply reply = Caller.visitor().send(HttpRequest.newBuilder(Caller.url("/gatehouse-metrics")).GET());
        assertEquals(200, reply.status());
        String type = reply.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase();
        assertTrue(type.startsWith("text/plain;"), type);
        assertTrue(type.contains(";version=0.0.4"), type);
        assertTrue(type.contains(";charset=utf-8"), type);
    }

    private static String metrics() {
        Reply reply = Caller.visitor().send(HttpRequest.newBuilder(Caller.url("/gatehouse-metrics")).GET());
        assertEquals(200, reply.status());
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    /** The sample's value, 0 when the series does not exist yet. */
    private static long value(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1))).orElse(0L);
    }
}
