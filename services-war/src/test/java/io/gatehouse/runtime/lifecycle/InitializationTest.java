package io.gatehouse.runtime.lifecycle;

import io.gatehouse.runtime.lifecycle.StartupStatus.Failed;
import io.gatehouse.runtime.lifecycle.StartupStatus.NotStarted;
import io.gatehouse.runtime.lifecycle.StartupStatus.Ready;
import io.gatehouse.runtime.lifecycle.StartupStatus.Running;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine of one initialization, on a clock the test moves. */
class InitializationTest {

    private static final Duration CAP = Duration.ofSeconds(60);

    private final SteppedClock clock = new SteppedClock();
    private final Initialization initialization = new Initialization(clock);

    @Test
    void theFirstAttemptIsClaimedOnceAndSucceeds() {
        assertInstanceOf(NotStarted.class, initialization.status());
        assertEquals(OptionalInt.of(1), initialization.begin());
        // Never two attempts at once: a second claim while the first runs gets nothing.
        assertEquals(OptionalInt.empty(), initialization.begin());
        Running running = assertInstanceOf(Running.class, initialization.status());
        assertEquals(Optional.empty(), running.previous());
        clock.advance(Duration.ofMillis(300));
        Ready ready = initialization.succeeded();
        assertEquals(1, ready.attempts());
        assertEquals(clock.instant(), ready.since());
        // Once ready, it is never run again.
        clock.advance(Duration.ofDays(1));
        assertEquals(OptionalInt.empty(), initialization.begin());
        assertEquals(OptionalInt.empty(), initialization.beginRetryAfter(1));
    }

    @Test
    void aFailureWaitsForItsBackoffBeforeACallMayRetry() {
        initialization.begin();
        Instant firstFailure = clock.instant();
        Failed failed = initialization.failed("database down", CAP);
        assertEquals(new Failed("database down", firstFailure, 1, firstFailure.plusSeconds(1)), failed);
        clock.advance(Duration.ofMillis(999));
        assertEquals(OptionalInt.empty(), initialization.begin(), "retried before its backoff passed");
        clock.advance(Duration.ofMillis(1));
        assertEquals(OptionalInt.of(2), initialization.begin());
        Running retry = assertInstanceOf(Running.class, initialization.status());
        assertEquals(Optional.of(failed), retry.previous());
        clock.advance(Duration.ofMillis(10));
        Failed again = initialization.failed("database still down", CAP);
        // The failing began with the first failure; the second waits 2 s.
        assertEquals(firstFailure, again.since());
        assertEquals(2, again.attempts());
        assertEquals(clock.instant().plusSeconds(2), again.nextRetry());
        assertEquals("database still down", again.reason());
    }

    @Test
    void theBackgroundRetryClaimsOnlyTheAttemptItWasScheduledFor() {
        initialization.begin();
        initialization.failed("first", CAP);
        // A timer firing a little early on the wall clock still retries.
        assertEquals(OptionalInt.of(2), initialization.beginRetryAfter(1));
        initialization.failed("second", CAP);
        // The timer of the first failure, late, does not cut the second failure's backoff short.
        assertEquals(OptionalInt.empty(), initialization.beginRetryAfter(1));
        clock.advance(Duration.ofSeconds(2));
        // A call came first: the timer finds the retry taken.
        assertEquals(OptionalInt.of(3), initialization.begin());
        assertEquals(OptionalInt.empty(), initialization.beginRetryAfter(2));
        Ready ready = initialization.succeeded();
        assertEquals(3, ready.attempts());
    }

    @Test
    void anOutcomeWithoutARunningAttemptIsAProgrammingError() {
        assertThrows(IllegalStateException.class, initialization::succeeded);
        assertThrows(IllegalStateException.class, () -> initialization.failed("x", CAP));
        initialization.begin();
        initialization.succeeded();
        assertThrows(IllegalStateException.class, () -> initialization.failed("x", CAP));
    }

    @Test
    void theBackoffDoublesFromOneSecondUpToItsCap() {
        assertEquals(Duration.ofSeconds(1), Initialization.backoff(1, CAP));
        assertEquals(Duration.ofSeconds(2), Initialization.backoff(2, CAP));
        assertEquals(Duration.ofSeconds(4), Initialization.backoff(3, CAP));
        assertEquals(Duration.ofSeconds(32), Initialization.backoff(6, CAP));
        assertEquals(CAP, Initialization.backoff(7, CAP));
        assertEquals(CAP, Initialization.backoff(1_000, CAP), "no overflow after many failures");
        assertEquals(CAP, Initialization.backoff(Integer.MAX_VALUE, CAP));
        assertEquals(Duration.ofSeconds(2), Initialization.backoff(5, Duration.ofSeconds(2)));
        // A cap below the first delay (0, negative) still leaves 1 s between attempts: never a busy loop.
        assertEquals(Duration.ofSeconds(1), Initialization.backoff(3, Duration.ZERO));
        assertEquals(Duration.ofSeconds(1), Initialization.backoff(3, Duration.ofSeconds(-5)));
    }

    @Test
    void retriesFollowTheBackoffUntilSuccess() {
        Duration cap = Duration.ofSeconds(5);
        long[] expectedDelays = {1, 2, 4, 5, 5};
        for (int attempt = 1; attempt <= expectedDelays.length; attempt++) {
            assertEquals(OptionalInt.of(attempt), initialization.begin());
            Failed failed = initialization.failed("no", cap);
            assertEquals(Duration.ofSeconds(expectedDelays[attempt - 1]),
                    Duration.between(clock.instant(), failed.nextRetry()), "after attempt " + attempt);
            clock.advance(Duration.ofSeconds(expectedDelays[attempt - 1]));
        }
        assertTrue(initialization.begin().isPresent());
        assertEquals(6, initialization.succeeded().attempts());
    }
}
