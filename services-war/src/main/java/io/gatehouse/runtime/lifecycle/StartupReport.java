package io.gatehouse.runtime.lifecycle;

import io.gatehouse.runtime.lifecycle.StartupStatus.Failed;
import io.gatehouse.runtime.lifecycle.StartupStatus.NotStarted;
import io.gatehouse.runtime.lifecycle.StartupStatus.Ready;
import io.gatehouse.runtime.lifecycle.StartupStatus.Running;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What callers, the readiness check and the log are told of a service's initialization. */
final class StartupReport {

    /** The longest reason repeated: an exception's message may be long, and callers need its gist. */
    static final int MAX_REASON = 500;

    private StartupReport() {
    }

    /** The message of the 503 a call to a service that is not ready receives. */
    static String notReady(String service, StartupStatus status, Instant now) {
        return service + " is not ready: " + state(status, now);
    }

    /** The readiness check's text for one service. */
    static String state(StartupStatus status, Instant now) {
        if (status instanceof Ready ready) {
            return "ready since " + second(ready.since()) + " (" + attempts(ready.attempts()) + ")";
        }
        if (status instanceof Failed failed) {
            return "its initialization failed: " + failed.reason() + " (" + attempts(failed.attempts())
                    + " failed since " + second(failed.since()) + "); " + nextAttempt(failed, now);
        }
        if (status instanceof Running running) {
            String text = "its initialization is running (attempt " + running.attempt() + ", for "
                    + seconds(Duration.between(running.started(), now)) + ")";
            return running.previous().map(previous -> text + "; the previous attempt failed: " + previous.reason())
                    .orElse(text);
        }
        return "its initialization has not started";
    }

    /**
     * When a caller refused now should try again, for {@code Retry-After}: when the next attempt is due (at least
     * 1 s), 1 s while one runs or none has started.
     */
    static long retryAfterSeconds(StartupStatus status, Instant now) {
        if (status instanceof Failed failed) {
            long millis = Duration.between(now, failed.nextRetry()).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
        return 1;
    }

    /** An exception's message as a reason: trimmed, cut to {@value #MAX_REASON} characters. */
    static String reason(String message) {
        String text = message.strip();
        return text.length() <= MAX_REASON ? text
                : text.substring(0, MAX_REASON) + "... (" + (text.length() - MAX_REASON) + " more characters)";
    }

    private static String nextAttempt(Failed failed, Instant now) {
        if (!now.isBefore(failed.nextRetry())) {
            return "the next attempt is due now";
        }
        return "next attempt in " + seconds(Duration.between(now, failed.nextRetry())) + ", at "
                + second(failed.nextRetry());
    }

    private static String attempts(int count) {
        return count + (count == 1 ? " attempt" : " attempts");
    }

    private static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return millis < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)
                : millis / 1000 + " s";
    }

    private static String second(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Whether the status counts against readiness, for a service started at deployment or on its first call. */
    static boolean holdsReadiness(StartupStatus status, boolean atDeployment) {
        if (status instanceof Ready) {
            return false;
        }
        if (status instanceof Failed) {
            return true;
        }
        if (status instanceof Running running) {
            return atDeployment || running.previous().isPresent();
        }
        return atDeployment && status instanceof NotStarted;
    }
}
