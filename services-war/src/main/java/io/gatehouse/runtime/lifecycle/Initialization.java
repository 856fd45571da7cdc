package io.gatehouse.runtime.lifecycle;

import io.gatehouse.runtime.lifecycle.StartupStatus.Failed;
import io.gatehouse.runtime.lifecycle.StartupStatus.NotStarted;
import io.gatehouse.runtime.lifecycle.StartupStatus.Ready;
import io.gatehouse.runtime.lifecycle.StartupStatus.Running;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The state machine of one service's initialization, without threads: NOT_STARTED, then RUNNING, then READY for
 * good or FAILED until a retry is due, then RUNNING again. An attempt starts only through {@link #begin()} or
 * {@link #beginRetryAfter(int)}, which claim it, so two attempts never run at once. The time comes from the given
 * clock, so that tests need not wait.
 */
public final class Initialization {

    /** The first retry's delay, doubled after each further failure. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final Clock clock;
    private StartupStatus status = new NotStarted();

    public Initialization(Clock clock) {
        this.clock = clock;
    }

    public synchronized StartupStatus status() {
        return status;
    }

    /**
     * Claims an attempt if one may start now: nothing was tried yet, or the last attempt failed and its retry is
     * due. Empty while an attempt runs, once one succeeded, and before the retry is due.
     *
     * @return the attempt's number
     */
    public synchronized OptionalInt begin() {
        Instant now = clock.instant();
        if (status instanceof NotStarted) {
            return start(1, now, Optional.empty());
        }
        if (status instanceof Failed failed && !now.isBefore(failed.nextRetry())) {
            return start(failed.attempts() + 1, now, Optional.of(failed));
        }
        return OptionalInt.empty();
    }

    /**
     * Claims the retry scheduled after the given failed attempt, whatever the clock says (a timer may fire a little
     * before the wall clock's due time). Empty when something else has happened since: a call started that retry
     * already, or it has run.
     */
    public synchronized OptionalInt beginRetryAfter(int failedAttempts) {
        if (status instanceof Failed failed && failed.attempts() == failedAttempts) {
            return start(failedAttempts + 1, clock.instant(), Optional.of(failed));
        }
        return OptionalInt.empty();
    }

    private OptionalInt start(int attempt, Instant now, Optional<Failed> previous) {
        status = new Running(attempt, now, previous);
        return OptionalInt.of(attempt);
    }

    /**
     * The running attempt succeeded.
     *
     * @return the status it leaves
     */
    public synchronized Ready succeeded() {
        Running running = running();
        Ready ready = new Ready(clock.instant(), running.attempt());
        status = ready;
        return ready;
    }

    /**
     * The running attempt failed: FAILED, with the next retry after the backoff.
     *
     * @param reason     what callers are told
     * @param maxBackoff the longest delay between two attempts
     * @return the status it leaves
     */
    public synchronized Failed failed(String reason, Duration maxBackoff) {
        Running running = running();
        Instant now = clock.instant();
        Instant since = running.previous().map(Failed::since).orElse(now);
        Failed failed = new Failed(reason, since, running.attempt(),
                now.plus(backoff(running.attempt(), maxBackoff)));
        status = failed;
        return failed;
    }

    private Running running() {
        if (status instanceof Running running) {
            return running;
        }
        throw new IllegalStateException("no attempt is running (" + status + ")");
    }

    /**
     * The delay after the given number of failures in a row: 1 s, 2 s, 4 s... never more than {@code cap} (and
     * never less than 1 s, whatever the cap says).
     */
    public static Duration backoff(int failures, Duration cap) {
        Duration ceiling = cap.compareTo(FIRST_BACKOFF) < 0 ? FIRST_BACKOFF : cap;
        int doublings = Math.max(0, failures - 1);
        if (doublings >= 62) {
            return ceiling;
        }
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return delay.compareTo(ceiling) > 0 ? ceiling : delay;
    }
}
