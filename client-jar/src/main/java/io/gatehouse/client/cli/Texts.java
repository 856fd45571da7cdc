package io.gatehouse.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small text formats shared by the commands: times, durations, numbers. */
final class Texts {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** "2025-01-02 03:04:05 UTC". */
    static String time(Instant instant) {
        return UTC.format(instant);
    }

    /** DIRAC's form of a time left: hours (any number), minutes, seconds, "167:59:58"; negative as 00:00:00. */
    static String hms(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** A rough human form of a duration: "3d 4h", "2h 5m", "4m 10s", "12s". */
    static String human(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        long days = seconds / 86400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + secs + "s";
        }
        return secs + "s";
    }

    /** A duration given in (possibly fractional) seconds on the command line. */
    static Duration seconds(double seconds, String option) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw CliFailure.usage(option + " must be a positive number of seconds, not " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** "10 s", "2.5 s". */
    static String secondsText(double seconds) {
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }

    /** A number with up to the given decimals, without trailing zeros noise for whole numbers. */
    static String decimal(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
