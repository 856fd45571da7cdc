package io.gatehouse.runtime.monitoring;

import io.gatehouse.api.Errors;
import io.gatehouse.runtime.authorization.AuthorizationPolicy;
import io.gatehouse.runtime.authorization.AuthorizationRule;
import io.gatehouse.runtime.authorization.Decision;
import io.gatehouse.runtime.dispatch.Replies;
import io.gatehouse.runtime.identity.CertificateAuthModule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;

/**
 * {@code GET /gatehouse-metrics}: {@link CallMetrics} for Prometheus and its kin. Who may read them is a rule in the
 * tokens of {@code @Export}, the setting {@value #RULE_PROPERTY} (default {@code all}, as the servers' own metrics
 * endpoints are open by default), read at each request so that an administrator's change applies at once.
 */
@Path("gatehouse-metrics")
@ApplicationScoped
public class MetricsResource {

    static final String RULE_PROPERTY = "gatehouse.metrics.authorization";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    CallMetrics metrics;

    @Inject
    Config config;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public Response metrics(@Context HttpServletRequest request) {
        String rule = config.getOptionalValue(RULE_PROPERTY, String.class).orElse("all");
        Decision decision = AuthorizationPolicy.decide(AuthorizationRule.parse(RULE_PROPERTY, rule),
                CertificateAuthModule.credentials(request));
        if (!decision.allowed()) {
            return Replies.failure(decision.status(), Errors.EACCES, "No access to the metrics: " + decision.reason(),
                    request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        }
        return Response.ok(metrics.prometheusText(), PROMETHEUS_TEXT).build();
    }
}
