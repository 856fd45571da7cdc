package io.gatehouse.runtime.monitoring;

import io.gatehouse.runtime.identity.ChainRevalidator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Readiness: the server can tell grid certificates apart. The grid trust manager (server-config's) is installed,
 * and its CA directory holds CA certificates and no CRL past its nextUpdate (a stale CRL makes the CA's users
 * refused).
 *
 * <p>The server sees it as a readiness check through the shared bean {@code HandlerExtension} offers.
 */
@ApplicationScoped
public class TrustHealth implements HealthCheck {

    static final String CA_DIRECTORY = "gatehouse.trust.caDirectory";
    private static final int LISTED = 10;

    @Inject
    ChainRevalidator revalidator;

    @Inject
    Config config;

    private final CaDirectoryScan scan = new CaDirectoryScan();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gatehouse-trust").up();
        if (!revalidator.hasTrustManager()) {
            response.down().withData("problem", "no " + ChainRevalidator.ALGORITHM
                    + " trust manager in this server: install server-config (see the README)");
        }
        Optional<String> directory = config.getOptionalValue(CA_DIRECTORY, String.class);
        if (directory.isEmpty()) {
            return response.withData("caDirectory", "not set: trust comes from the server's trust store").build();
        }
        response.withData("caDirectory", directory.get());
        try {
            CaDirectoryScan.Findings findings = scan.scan(Path.of(directory.get()), Instant.now());
            response.withData("certificateAuthorities", findings.certificates())
                    .withData("crls", findings.crls());
            if (findings.certificates() == 0) {
                response.down().withData("problem", "the CA directory holds no CA certificate");
            }
            if (!findings.staleCrls().isEmpty()) {
                response.down().withData("staleCrls", listed(findings.staleCrls()));
            }
            if (!findings.badCrls().isEmpty()) {
                response.withData("unreadableCrls", listed(findings.badCrls()));
            }
        } catch (IOException | RuntimeException e) {
            response.down().withData("problem", "cannot read the CA directory: " + e.getMessage());
        }
        return response.build();
    }

    private static String listed(List<String> names) {
        return names.size() <= LISTED ? String.join(" ", names)
                : String.join(" ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }
}
