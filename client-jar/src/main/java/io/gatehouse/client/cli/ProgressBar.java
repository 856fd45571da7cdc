package io.gatehouse.client.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.gatehouse.client.TransferProgress;

/**
 * A one-line progress bar on a terminal (standard error), redrawn with {@code \r} at most 10 times a second:
 * percentage and bar when the total is known, bytes done (and total) in KiB/MiB/GiB, rate and time left.
 */
final class ProgressBar implements TransferProgress {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BAR = 30;

    private final PrintWriter err;
    private final String label;
    private final long start = System.nanoTime();
    private long firstDone = -1;
    private long lastDraw;
    private int lastLength;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public synchronized void progress(long bytesDone, long totalBytesOrMinus1) {
        long now = System.nanoTime();
        if (firstDone < 0 || bytesDone < firstDone) {
            firstDone = bytesDone; // the rate counts this run's bytes, not those already on disk
        }
        boolean last = totalBytesOrMinus1 >= 0 && bytesDone >= totalBytesOrMinus1;
        if (drawn && !last && now - lastDraw < INTERVAL) {
            return;
        }
        lastDraw = now;
        String line = label + " " + line(bytesDone, totalBytesOrMinus1, bytesDone - firstDone, now - start);
        int pad = Math.max(0, lastLength - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastLength = line.length();
        drawn = true;
    }

    /** Ends the line, when anything was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    /**
     * {@code " 42% [############------------------] 12.0 MiB/28.5 MiB  9.8 MiB/s  ETA 0:02"}, or without a total
     * {@code "12.0 MiB  9.8 MiB/s"}.
     */
    static String line(long done, long total, long doneThisRun, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? doneThisRun / seconds : 0;
        StringBuilder text = new StringBuilder();
        if (total > 0) {
            double fraction = Math.min(1, (double) done / total);
            int filled = (int) Math.round(fraction * BAR);
            text.append(String.format(Locale.ROOT, "%3d%% [", (int) Math.floor(fraction * 100)))
                    .append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                    .append(bytes(done)).append('/').append(bytes(total));
        } else {
            text.append(bytes(done));
        }
        text.append("  ").append(rate(rate));
        if (total > 0) {
            if (done >= total) {
                text.append("  ").append(String.format(Locale.ROOT, "%.1f s", seconds));
            } else if (rate > 0) {
                text.append("  ETA ").append(clock((long) Math.ceil((total - done) / rate)));
            } else {
                text.append("  ETA --:--");
            }
        }
        return text.toString();
    }

    /** 512 B, 1.5 KiB, 12.0 MiB, 2.0 GiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "281 MiB/s", "1.2 MiB/s", "0.05 MiB/s". */
    static String rate(double bytesPerSecond) {
        double mib = bytesPerSecond / (1024 * 1024);
        String format = mib >= 100 ? "%.0f" : mib >= 1 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format + " MiB/s", mib);
    }

    /** "0:07", "12:34", "1:02:03". */
    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
