package io.gatehouse.runtime.configuration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The runtime's one {@link Configuration}: the DIRAC-format file named by the MicroProfile Config property
 * {@value #FILE_PROPERTY}, under MicroProfile Config itself, which overrides any option by its path
 * ({@code -D/Registry/DefaultGroup=dirac_user}, or the server's own config sources). A background thread re-reads
 * both every {@value #REFRESH_PROPERTY} milliseconds and publishes a new snapshot when something changed, so that
 * request threads never check a file, ask MicroProfile Config or take a lock. Overrides are read from the config
 * sources themselves, so that what an administrator changes in the server's console applies at the next refresh.
 */
@ApplicationScoped
public class ConfigurationProducer {

    /** The MicroProfile Config property naming the configuration file. */
    public static final String FILE_PROPERTY = "gatehouse.config.file";
    /** How often, in milliseconds, the file and the overrides are looked at again. */
    public static final String REFRESH_PROPERTY = "gatehouse.config.refreshMillis";

    private ScheduledExecutorService refresher;
    private volatile ConfigFile file;
    private volatile long refreshIntervalMillis;
    private volatile long lastRefreshNanos = System.nanoTime();

    private static final Logger LOG = Logger.getLogger(ConfigurationProducer.class.getName());

    @Produces
    @ApplicationScoped
    Configuration configuration() {
        Config config = ConfigProvider.getConfig();
        Optional<String> fileName = config.getOptionalValue(FILE_PROPERTY, String.class);
        if (fileName.isEmpty()) {
            LOG.warning(() -> "No " + FILE_PROPERTY + " is set: the configuration has no file, only MicroProfile"
                    + " Config overrides, and the registry is empty.");
        } else {
            LOG.info(() -> "Gatehouse configuration: " + fileName.get());
        }
        this.file = fileName.map(f -> new ConfigFile(Path.of(f), Duration.ZERO)).orElse(null);
        Configuration configuration = Configuration.published(
                this.file == null ? () -> ConfigTree.EMPTY : this.file,
                path -> override(config, path),
                () -> optionPaths(config));
        long millis = Math.max(100, config.getOptionalValue(REFRESH_PROPERTY, Long.class).orElse(1000L));
        refreshIntervalMillis = millis;
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-configuration-refresher");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> refreshQuietly(configuration), millis, millis, TimeUnit.MILLISECONDS);
        return configuration;
    }

    /** The configuration file watched, if one is named. */
    public Optional<ConfigFile> file() {
        return Optional.ofNullable(file);
    }

    /** How long since the background refresh last completed, and how often it should run. */
    public Duration sinceLastRefresh() {
        return Duration.ofNanos(System.nanoTime() - lastRefreshNanos);
    }

    public Duration refreshInterval() {
        return Duration.ofMillis(refreshIntervalMillis);
    }

    private void refreshQuietly(Configuration configuration) {
        try {
            configuration.refresh();
            lastRefreshNanos = System.nanoTime();
        } catch (RuntimeException e) {
            // The last published snapshot stays in force; the next round tries again.
            LOG.log(Level.WARNING, "configuration refresh failed, keeping the configuration in use", e);
        }
    }

    @PreDestroy
    void stopRefreshing() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Produces
    @ApplicationScoped
    Registry registry(Configuration configuration) {
        return new Registry(configuration);
    }

    /*
     * Overrides are read from the config sources themselves, highest ordinal first, as MicroProfile Config ranks
     * them, rather than through Config.getValue: the servers' own Config caches what an administrator changes at run
     * time (Payara keeps each value 60 s; SmallRye, WildFly's, lists property names once), while the sources they
     * change are live (system properties set with jboss-cli, Payara's domain properties set with asadmin).
     */
    private static Optional<String> override(Config config, String path) {
        for (ConfigSource source : config.getConfigSources()) {
            String value = valueIn(source, path);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String valueIn(ConfigSource source, String path) {
        try {
            return source.getValue(path);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "config source " + source.getName() + " cannot read " + path);
            return null;
        }
    }

    // Only names that look like DIRAC paths are options; the rest of MicroProfile Config is not ours.
    private static Set<String> optionPaths(Config config) {
        Set<String> paths = new HashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            try {
                for (String name : source.getPropertyNames()) {
                    if (name.startsWith("/")) {
                        paths.add(name);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "config source " + source.getName() + " cannot list its names");
            }
        }
        return paths;
    }
}
