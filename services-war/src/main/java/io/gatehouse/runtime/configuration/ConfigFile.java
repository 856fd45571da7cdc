package io.gatehouse.runtime.configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A CFG file read into a {@link ConfigTree} and re-read when it changes, so an administrator's edit applies
 * without a restart.
 *
 * <p>On access, at most once per check interval, the file's last-modified time and size are compared with those
 * of the version last read; if either changed the file is read again. No background thread is needed, and reads
 * between checks only load a volatile field. A version that does not parse leaves the last good tree in place and
 * is reported once (it is not read again until it changes). A missing file reads as the empty tree, reported once
 * each time the file goes missing.
 *
 * <p>An edit that keeps both the size and the modification time (within the file system's time granularity)
 * is not noticed until the next change; that is the price of not reading the whole file at every check.
 */
public final class ConfigFile implements Supplier<ConfigTree> {

    /** How often, at most, the file is checked by default. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(ConfigFile.class.getName());

    /** What identifies a version of the file; {@code exists} false for a missing file. */
    private record Stamp(boolean exists, FileTime modified, long size) {
        static final Stamp MISSING = new Stamp(false, null, -1);
    }

    private final Path path;
    private final long intervalNanos;
    private final AtomicLong nextCheck;

    private volatile ConfigTree tree = ConfigTree.EMPTY;

    /** The version last read; null before the first read and after a failed look at the file. Guarded by this. */
    private Stamp stamp;
    /** The last I/O problem reported, so a persisting one is not reported at every check. Guarded by this. */
    private String lastProblem;
    /** Why the file as it is now is not the configuration in use; null when it is. */
    private volatile String problem;
    /** Whether a valid version of the file has been read since start (a missing file counts as none). */
    private volatile boolean validVersionRead;

    /** Watches {@code path}, checked at most every {@link #DEFAULT_CHECK_INTERVAL}. */
    public ConfigFile(Path path) {
        this(path, DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Watches {@code path}, checked at most every {@code checkInterval} ({@link Duration#ZERO}: at every access).
     * The file is read once here, so problems show at startup.
     */
    public ConfigFile(Path path, Duration checkInterval) {
        this.path = Objects.requireNonNull(path, "path");
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("negative check interval: " + checkInterval);
        }
        this.intervalNanos = checkInterval.toNanos();
        refresh();
        this.nextCheck = new AtomicLong(System.nanoTime() + intervalNanos);
    }

    /** The file watched. */
    public Path path() {
        return path;
    }

    /** Why the file as it is now is not the configuration in use (missing, unreadable, not valid); empty if it is. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Whether a valid version of the file has been read since start: until then, the configuration is empty. */
    public boolean validVersionRead() {
        return validVersionRead;
    }

    /** The current tree: the last good version of the file, re-checked if the interval has passed. */
    @Override
    public ConfigTree get() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        // One caller per interval does the check; the others go on with the tree they have.
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + intervalNanos)) {
            refresh();
        }
        return tree;
    }

    private synchronized void refresh() {
        Stamp current;
        try {
            current = stampOf(path);
        } catch (IOException e) {
            stamp = null;
            problem = "cannot look at the file: " + e.getMessage();
            report("cannot look at configuration file " + path + " (" + e + "); keeping the configuration in use");
            return;
        }
        if (current.equals(stamp)) {
            return;
        }
        stamp = current;
        if (!current.exists()) {
            tree = ConfigTree.EMPTY;
            lastProblem = null;
            problem = "the file does not exist";
            LOG.warning("configuration file " + path + " does not exist; using an empty configuration");
            return;
        }
        try {
            tree = CfgParser.parse(Files.readString(path, StandardCharsets.UTF_8));
            lastProblem = null;
            problem = null;
            validVersionRead = true;
            LOG.info("read configuration file " + path);
        } catch (ConfigException e) {
            // Reported once: this version is not read again until its time or size changes.
            lastProblem = null;
            problem = "the file is not valid: " + e.getMessage();
            LOG.warning("configuration file " + path + " (modified " + current.modified() + ", " + current.size()
                    + " bytes) is not valid, keeping the last good configuration: " + e.getMessage());
        } catch (IOException e) {
            stamp = null; // try again at the next check
            problem = "cannot read the file: " + e.getMessage();
            report("cannot read configuration file " + path + " (" + e + "); keeping the configuration in use");
        }
    }

    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            LOG.warning(problem);
        }
    }

    private static Stamp stampOf(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(true, attributes.lastModifiedTime(), attributes.size());
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        }
    }
}
