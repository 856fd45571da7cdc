package io.gatehouse.runtime.monitoring;

import io.gatehouse.runtime.configuration.ConfigFile;
import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.ConfigurationProducer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Optional;

/**
 * Readiness: the configuration file was read. DOWN while no valid version of it has been read since the start
 * (missing, unreadable or broken): the registry is then empty and every caller a stranger. A broken edit of a file
 * read before leaves the last good version in use: still UP, with the problem in the data.
 *
 * <p>The server sees it as a readiness check through the shared bean {@code HandlerExtension} offers.
 */
@ApplicationScoped
public class ConfigurationHealth implements HealthCheck {

    @Inject
    ConfigurationProducer producer;

    @Inject
    Configuration configuration;

    @Override
    public HealthCheckResponse call() {
        configuration.snapshot(); // makes sure the configuration was built, and its file read
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gatehouse-configuration").up();
        Optional<ConfigFile> file = producer.file();
        if (file.isEmpty()) {
            return response.withData("file", "none: set " + ConfigurationProducer.FILE_PROPERTY).build();
        }
        response.withData("file", file.get().path().toString());
        file.get().problem().ifPresent(problem -> response.withData("problem", problem));
        if (!file.get().validVersionRead()) {
            response.down();
        }
        return response.build();
    }
}
