package io.gatehouse.runtime.configuration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The runtime's one {@link Configuration}: the DIRAC-format file named by the MicroProfile Config property
 * {@value #FILE_PROPERTY}, watched for edits, under MicroProfile Config itself, which overrides any option by its
 * path ({@code -D/Registry/DefaultGroup=dirac_user}, or the server's own config sources).
 */
@ApplicationScoped
public class ConfigurationProducer {

    /** The MicroProfile Config property naming the configuration file. */
    public static final String FILE_PROPERTY = "gatehouse.config.file";

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
        return new Configuration(file.<java.util.function.Supplier<ConfigTree>>map(f -> new ConfigFile(Path.of(f)))
                .orElse(() -> ConfigTree.EMPTY),
                path -> config.getOptionalValue(path, String.class),
                () -> optionPaths(config));
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
