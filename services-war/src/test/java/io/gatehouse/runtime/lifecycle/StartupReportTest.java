package io.gatehouse.runtime.lifecycle;

import io.gatehouse.runtime.lifecycle.StartupStatus.Failed;
import io.gatehouse.runtime.lifecycle.StartupStatus.NotStarted;
import io.gatehouse.runtime.lifecycle.StartupStatus.Ready;
import io.gatehouse.runtime.lifecycle.StartupStatus.Running;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What callers and the readiness check read of a service's initialization. */
class StartupReportTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:10.250Z");
    private static final Failed FAILED = new Failed("the catalogue is locked", Instant.parse("2025-01-01T10:00:00Z"),
            3, NOW.plusMillis(2_500));

    @Test
    void aFailedServiceSaysWhyAndWhenItIsRetried() {
        assertEquals("Data/Catalogue is not ready: its initialization failed: the catalogue is locked (3 attempts"
                        + " failed since 2025-01-01T10:00:00Z); next attempt in 2.5 s, at 2025-01-01T10:00:12Z",
                StartupReport.notReady("Data/Catalogue", FAILED, NOW));
        assertEquals(3, StartupReport.retryAfterSeconds(FAILED, NOW), "rounded up");
        assertEquals(1, StartupReport.retryAfterSeconds(FAILED, NOW.plusSeconds(30)), "overdue: at least 1 s");
        assertTrue(StartupReport.state(FAILED, NOW.plusSeconds(3)).endsWith("the next attempt is due now"));
    }

    @Test
    void aRunningRetryStillNamesThePreviousFailure() {
        Running retry = new Running(4, NOW.minusSeconds(12), Optional.of(FAILED));
        assertEquals("its initialization is running (attempt 4, for 12 s); the previous attempt failed: the"
                + " catalogue is locked", StartupReport.state(retry, NOW));
        assertEquals(1, StartupReport.retryAfterSeconds(retry, NOW));
        assertEquals("its initialization is running (attempt 1, for 0.3 s)",
                StartupReport.state(new Running(1, NOW.minusMillis(250), Optional.empty()), NOW));
        assertEquals("its initialization has not started", StartupReport.state(new NotStarted(), NOW));
        assertEquals("ready since 2025-01-01T10:00:10Z (1 attempt)", StartupReport.state(new Ready(NOW, 1), NOW));
    }

    @Test
    void aLongReasonIsCut() {
        String reason = StartupReport.reason("  " + "x".repeat(StartupReport.MAX_REASON + 20) + "\n");
        assertTrue(reason.startsWith("x".repeat(StartupReport.MAX_REASON) + "... (20 more characters)"), reason);
        assertEquals("short", StartupReport.reason(" short\n"));
    }

    @Test
    void readinessIsHeldByFailuresAndByAServiceStartedAtDeploymentUntilItIsReady() {
        Running first = new Running(1, NOW, Optional.empty());
        Running retry = new Running(2, NOW, Optional.of(FAILED));
        assertTrue(StartupReport.holdsReadiness(FAILED, true));
        assertTrue(StartupReport.holdsReadiness(FAILED, false));
        assertTrue(StartupReport.holdsReadiness(first, true));
        assertTrue(StartupReport.holdsReadiness(new NotStarted(), true));
        assertTrue(StartupReport.holdsReadiness(retry, false));
        // A service started on its first call does not hold readiness before that call, nor during its first try.
        assertFalse(StartupReport.holdsReadiness(new NotStarted(), false));
        assertFalse(StartupReport.holdsReadiness(first, false));
        assertFalse(StartupReport.holdsReadiness(new Ready(NOW, 1), true));
        assertFalse(StartupReport.holdsReadiness(new Ready(NOW, 1), false));
    }
}
