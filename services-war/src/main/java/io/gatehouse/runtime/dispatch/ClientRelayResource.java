package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Result;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.runtime.authorization.AccessControl;
import io.gatehouse.runtime.authorization.AuthorizationRule;
import io.gatehouse.runtime.authorization.Decision;
import io.gatehouse.runtime.authorization.RuleResolver;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.CertificateAuthModule;
import io.gatehouse.runtime.messaging.ServiceConnections;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The relay into connected clients (restpipe's local web server): {@code POST /<System>/<Component>/clients/<id>}
 * with the usual {@code method} and {@code args} calls that method on the client connected to the service under
 * that client identity and answers with the client's S_OK/S_ERROR. Not connected: 404; no answer in time: 504.
 *
 * <p>Guarded by its own rule, the administrator's {@code Authorization/ClientRelay}, by default
 * {@code ServiceAdministrator}: it lets the caller act on other people's clients.
 */
@Path("{system}/{component}/clients/{identity}")
@Produces(MediaType.WILDCARD)
@ApplicationScoped
public class ClientRelayResource {

    /** The rule's name in the service's {@code Authorization} section. */
    static final String RULE = "ClientRelay";
    private static final AuthorizationRule DEFAULT_RULE = AuthorizationRule.parse("default", "ServiceAdministrator");

    @Inject
    ServiceTable services;

    @Inject
    RuleResolver rules;

    @Inject
    ServiceConnections connections;

    @Inject
    CallLimits limits;

    @Inject
    @ConfigProperty(name = "gatehouse.messaging.relay-timeout-seconds", defaultValue = "30")
    int timeoutSeconds;

    /**
     * Waits for the client on the request's thread (at most the relay timeout): the listener's pool is sized for
     * waiting callers, and the request filters are not asynchronous.
     */
    @POST
    public Response relay(@PathParam("system") String system, @PathParam("component") String component,
                          @PathParam("identity") String identity) {
        InboundRequest inbound = InboundRequest.current();
        HttpServletRequest request = inbound.request();
        String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        String service = system + "/" + component;
        JsonArray args;
        String method;
        try {
            CallerCredentials caller = CertificateAuthModule.credentials(request);
            if (services.service(service).flatMap(ServiceEntry::messaging).isEmpty()) {
                throw CallFailure.notFound("no service " + Texts.cut(service) + " with connections here");
            }
            AuthorizationRule rule = rules.adminRuleFor(service, RULE).orElse(DEFAULT_RULE);
            Decision decision = AccessControl.decide(service, RULE, rule, caller);
            if (!decision.allowed()) {
                throw new CallFailure(decision.status(), Errors.EACCES, "No access to " + service
                        + "'s client relay: " + decision.reason());
            }
            CallRequest form = new FormReader(inbound.maxBodyBytes()).read(inbound,
                    request.getHeader(HttpHeaders.CONTENT_ENCODING));
            method = form.method();
            try {
                args = JEncode.parseArgs(form.args(), limits.maxJsonDepth());
            } catch (ArgumentException e) {
                throw CallFailure.badRequest(e.getMessage());
            }
        } catch (CallFailure failure) {
            return Replies.failure(failure, acceptEncoding);
        }
        Result<Object> result = connections.callClient(service, identity, method, args,
                Duration.ofSeconds(timeoutSeconds)).toCompletableFuture().join();
        return reply(result, acceptEncoding);
    }

    private static Response reply(Result<Object> result, String acceptEncoding) {
        if (result.isOk()) {
            return Replies.ok(result.value(), acceptEncoding);
        }
        int status = switch (result.errno()) {
            case Errors.ENOENT -> 404;
            case Errors.ETIMEDOUT -> 504;
            case Errors.ECONNREFUSED -> 502;
            default -> 200; // the client's own S_ERROR, relayed as a service's would be
        };
        return Replies.failure(status, result.errno(), result.message(), acceptEncoding);
    }
}
