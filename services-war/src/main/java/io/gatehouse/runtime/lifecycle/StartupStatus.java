package io.gatehouse.runtime.lifecycle;

import java.time.Instant;
import java.util.Optional;

/** Where one service's initialization stands: NOT_STARTED, RUNNING, READY or FAILED. */
public sealed interface StartupStatus {

    /** Nothing tried yet: the application has not started, or the service waits for its first call. */
    record NotStarted() implements StartupStatus {
    }

    /**
     * An attempt is under way.
     *
     * @param attempt  its number, from 1
     * @param started  when it started
     * @param previous the failure it retries, if any
     */
    record Running(int attempt, Instant started, Optional<Failed> previous) implements StartupStatus {
    }

    /**
     * The initialization succeeded; the service answers calls.
     *
     * @param since    when
     * @param attempts how many attempts it took
     */
    record Ready(Instant since, int attempts) implements StartupStatus {
    }

    /**
     * The last attempt failed.
     *
     * @param reason    what the caller and the readiness check are told: the exception's message
     * @param since     when the first of the failed attempts in a row failed
     * @param attempts  how many attempts have failed in a row
     * @param nextRetry when the next attempt is due
     */
    record Failed(String reason, Instant since, int attempts, Instant nextRetry) implements StartupStatus {
    }
}
