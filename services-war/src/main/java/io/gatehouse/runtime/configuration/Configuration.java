package io.gatehouse.runtime.configuration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The configuration the runtime reads: overrides (in the runtime, MicroProfile Config) on top of a CFG file.
 *
 * <p>An override is looked up by the option's full canonical path, e.g. {@code /Registry/Users/alice/DN}, and wins
 * over the file. The override keys (only those starting with {@code /} are taken as paths) add options, and the
 * sections leading to them, that the file does not have, so that listings show them too. An override cannot turn
 * a section into an option or pass through an option: such a key is ignored, with one warning.
 *
 * <p>{@link #snapshot()} is the merged tree: the file with every file option re-read through the overrides and
 * every override key added (keys in sorted order, after the file's own entries). It is rebuilt when the file's
 * tree changes and otherwise at most once per refresh interval; a rebuild that changes nothing returns the same
 * object, so callers may cache what they derive from it by identity. Listings ({@link #sections},
 * {@link #options}, {@link #isSection}) read the snapshot; {@link #option} also asks the overrides directly, so a
 * changed override, or one whose key is not listed (an environment variable mapped by MicroProfile Config), is seen
 * at once.
 *
 * <p>Reads are lock-free: the snapshot is a volatile field, replaced whole. A configuration made with
 * {@link #published} goes further, as the runtime's does: request threads only read the last published snapshot
 * (no file check, no override lookup, no lock), and a background task calls {@link #refresh()} to publish the next.
 */
public class Configuration {

    /** How often, at most, overrides are re-evaluated for the snapshot by default. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(Configuration.class.getName());

    private static final Function<String, Optional<String>> NO_OVERRIDES = path -> Optional.empty();

    /** The merged tree and the file tree it was built from. */
    private record View(ConfigTree fileTree, ConfigTree merged) {
    }

    private final Supplier<ConfigTree> source;
    private final Function<String, Optional<String>> overrides;
    private final Supplier<Set<String>> overrideKeys;
    private final long intervalNanos;
    private final Set<String> reportedClashes;
    private final boolean published;

    private volatile View view;
    private volatile long nextRefresh;

    /** The file's tree alone, without overrides. */
    public Configuration(Supplier<ConfigTree> source) {
        this(source, NO_OVERRIDES, Set::of);
    }

    /** The file's tree under {@code overrides}, refreshed at most every {@link #DEFAULT_REFRESH_INTERVAL}. */
    public Configuration(Supplier<ConfigTree> source, Function<String, Optional<String>> overrides,
                         Supplier<Set<String>> overrideKeys) {
        this(source, overrides, overrideKeys, DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * @param source          the file's tree, usually a {@link ConfigFile}
     * @param overrides       the override for a canonical path, if any
     * @param overrideKeys    the names under which overrides exist; names not starting with {@code /} are ignored
     * @param refreshInterval how often, at most, the snapshot re-evaluates the overrides ({@link Duration#ZERO}: at
     *                        every access)
     */
    public Configuration(Supplier<ConfigTree> source, Function<String, Optional<String>> overrides,
                         Supplier<Set<String>> overrideKeys, Duration refreshInterval) {
        this(source, overrides, overrideKeys, refreshInterval, false);
    }

    private Configuration(Supplier<ConfigTree> source, Function<String, Optional<String>> overrides,
                          Supplier<Set<String>> overrideKeys, Duration refreshInterval, boolean published) {
        this.published = published;
        this.source = Objects.requireNonNull(source, "source");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.overrideKeys = Objects.requireNonNull(overrideKeys, "overrideKeys");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("negative refresh interval: " + refreshInterval);
        }
        this.intervalNanos = refreshInterval.toNanos();
        this.reportedClashes = ConcurrentHashMap.newKeySet();
        if (published) {
            refresh();
        }
    }

    /**
     * A configuration whose readers see only what {@link #refresh()} last published: the first snapshot is built
     * here, the next ones when the owner calls {@link #refresh()} (from a background task), so that reading an
     * option on a request thread is a map lookup in an immutable tree.
     */
    public static Configuration published(Supplier<ConfigTree> source, Function<String, Optional<String>> overrides,
                                          Supplier<Set<String>> overrideKeys) {
        return new Configuration(source, overrides, overrideKeys, Duration.ZERO, true);
    }

    /** A fixed configuration, for tests and tools. */
    public static Configuration of(ConfigTree tree) {
        Objects.requireNonNull(tree, "tree");
        return new Configuration(() -> tree);
    }

    /** For CDI's client proxies only; a proxy forwards every call to a real instance. */
    protected Configuration() {
        this.source = null;
        this.overrides = null;
        this.overrideKeys = null;
        this.intervalNanos = 0;
        this.reportedClashes = null;
        this.published = false;
    }

    /** The value at {@code path}: an override if there is one, else the file's; empty for a section or nothing. */
    public Optional<String> option(String path) {
        List<String> segments = ConfigTree.segments(path);
        ConfigTree merged = snapshot();
        if (!published && merged.canHoldOption(segments)) {
            Optional<String> override = overrides.apply(ConfigTree.join(segments));
            if (override.isPresent()) {
                return override;
            }
        }
        return merged.option(segments);
    }

    /** The option at {@code path} as a DIRAC list: split on commas, trimmed, empty items dropped. */
    public List<String> list(String path) {
        return option(path).map(ConfigTree::splitList).orElse(List.of());
    }

    /** The subsections of {@code path}, the file's first, then those that only overrides create. */
    public List<String> sections(String path) {
        return snapshot().sections(path);
    }

    /** The options of {@code path}, the file's first, then those that only overrides define. */
    public List<String> options(String path) {
        return snapshot().options(path);
    }

    /** Whether {@code path} is a section in the file or on the way to an override. */
    public boolean isSection(String path) {
        return snapshot().isSection(path);
    }

    /** The merged tree; the same object until something in it changes. */
    public ConfigTree snapshot() {
        if (published) {
            return view.merged();
        }
        ConfigTree fileTree = source.get();
        View current = view;
        if (current == null || current.fileTree() != fileTree || System.nanoTime() - nextRefresh >= 0) {
            current = refresh(fileTree);
        }
        return current.merged();
    }

    /**
     * Reads the source and the overrides and publishes a new snapshot if anything changed (the same object
     * otherwise). For a {@link #published} configuration, the background task's step.
     */
    public void refresh() {
        rebuild(source.get());
    }

    private synchronized View refresh(ConfigTree fileTree) {
        View current = view;
        if (current != null && current.fileTree() == fileTree && System.nanoTime() - nextRefresh < 0) {
            return current; // another caller refreshed meanwhile
        }
        return rebuild(fileTree);
    }

    private synchronized View rebuild(ConfigTree fileTree) {
        View current = view;
        ConfigTree merged = merge(fileTree);
        if (current != null && merged.equals(current.merged())) {
            merged = current.merged();
        }
        View next = new View(fileTree, merged);
        view = next;
        nextRefresh = System.nanoTime() + intervalNanos;
        return next;
    }

    private ConfigTree merge(ConfigTree fileTree) {
        if (overrides == NO_OVERRIDES) {
            return fileTree;
        }
        ConfigTree.Builder merged = fileTree.toBuilder();
        fileTree.forEachOption((path, value) -> overrides.apply(path)
                .filter(override -> !override.equals(value))
                .ifPresent(override -> merged.trySetOption(ConfigTree.segments(path), override)));
        Set<String> keys = overrideKeys.get();
        for (String key : new TreeSet<>(keys == null ? Set.of() : keys)) {
            if (!key.startsWith("/")) {
                continue;
            }
            List<String> segments = ConfigTree.segments(key);
            Optional<String> value = overrides.apply(key);
            if (segments.isEmpty() || value.isEmpty()) {
                continue;
            }
            if (!merged.trySetOption(segments, value.get()) && reportedClashes.add(key)) {
                LOG.warning("override " + key + " is ignored: the configuration has a section there,"
                        + " or an option on the way to it");
            }
        }
        return merged.build();
    }
}
