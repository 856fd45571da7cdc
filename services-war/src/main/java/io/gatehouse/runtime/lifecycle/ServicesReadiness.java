package io.gatehouse.runtime.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Readiness: every service that declares an initialization can answer. DOWN while one's initialization has failed
 * (until a retry succeeds), and while one initialized at deployment has not finished its first attempt; a service
 * initialized on its first call does not count before that call. The data names each such service with its state
 * (the reason of a failure, when the next attempt is due).
 *
 * <p>The server sees it as a readiness check through the shared bean {@code HandlerExtension} offers.
 */
@ApplicationScoped
public class ServicesReadiness implements HealthCheck {

    static final String NAME = "gatehouse-services";

    @Inject
    ServiceStartup startup;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        startup.report().forEach((service, report) -> {
            response.withData(service, report.text());
            if (report.holdsReadiness()) {
                response.down();
            }
        });
        return response.build();
    }
}
