package io.gatehouse.runtime.configuration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The runtime's one {@link Configuration}: the DIRAC-format file named by the MicroProfile Config property
 * {@value #FILE_PROPERTY}, under MicroProfile Config itself, which overrides any option by its path
 * ({@code -D/Registry/DefaultGroup=dirac_user}, or the server's own config sources). A background thread re-reads
 * both every {@value #REFRESH_PROPERTY} milliseconds and publishes a new snapshot when something changed, so that
 * request threads never check a file, ask MicroProfile Config or take a lock.
 */
@ApplicationScoped
public class ConfigurationProducer {

    /** The MicroProfile Config property naming the configuration file. */
    public static final String FILE_PROPERTY = "gatehouse.config.file";
    /** How often, in milliseconds, the file and the overrides are looked at again. */
    public static final String REFRESH_PROPERTY = "gatehouse.config.refreshMillis";

    private ScheduledExecutorService refresher;

    private static final Logger LOG = Logger.getLogger(ConfigurationProducer.class.getName());

    @Produces
    @ApplicationScoped
    Configuration configuration() {
        Config config = ConfigProvider.getConfig();
        Optional<String> file = config.getOptionalValue(FILE_PROPERTY, String.class);
        if (file.isEmpty()) {
            LOG.warning(() -> "No " + FILE_PROPERTY + " is set: the configuration has no file, only MicroProfile"
                    + " Config overrides, and the registry is empty.");
        } else {
            LOG.info(() -> "Gatehouse configuration: " + file.get());
        }
        Configuration configuration = Configuration.published(
                file.<Supplier<ConfigTree>>map(f -> new ConfigFile(Path.of(f), Duration.ZERO))
                        .orElse(() -> ConfigTree.EMPTY),
                path -> config.getOptionalValue(path, String.class),
                () -> optionPaths(config));
        long millis = Math.max(100, config.getOptionalValue(REFRESH_PROPERTY, Long.class).orElse(1000L));
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-configuration-refresher");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> refreshQuietly(configuration), millis, millis, TimeUnit.MILLISECONDS);
        return configuration;
    }

    private static void refreshQuietly(Configuration configuration) {
        try {
            configuration.refresh();
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

    // Only names that look like DIRAC paths are options; the rest of MicroProfile Config is not ours.
    private static Set<String> optionPaths(Config config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("/"))
                .collect(Collectors.toSet());
    }
}
