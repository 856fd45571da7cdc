package io.gatehouse.runtime.monitoring;

import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.ConfigurationProducer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;

/**
 * Liveness: the background refresh that carries configuration changes into the running application still runs. If it
 * stopped (a stuck file system, a dead thread), rules changed by an administrator would silently never apply.
 *
 * <p>The server sees it as a liveness check through the shared bean {@code HandlerExtension} offers.
 */
@ApplicationScoped
public class RefreshLiveness implements HealthCheck {

    private static final Duration LEEWAY = Duration.ofSeconds(30);

    @Inject
    ConfigurationProducer producer;

    @Inject
    Configuration configuration;

    @Override
    public HealthCheckResponse call() {
        configuration.snapshot(); // makes sure the refresh was started
        Duration since = producer.sinceLastRefresh();
        Duration limit = producer.refreshInterval().multipliedBy(10).plus(LEEWAY);
        return HealthCheckResponse.named("gatehouse-configuration-refresh")
                .status(since.compareTo(limit) <= 0)
                .withData("lastRefreshMillisAgo", since.toMillis())
                .build();
    }
}
