package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Handler;
import io.gatehouse.api.Result;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.messaging.Connections;
import io.gatehouse.api.wire.JEncode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Gives each handler the {@link Connections} of its own service (the handler's {@code @Inject Connections} comes
 * here through the bean {@code HandlerExtension} offers), and serves the relay's calls into clients.
 */
@ApplicationScoped
public class ServiceConnections {

    @Inject
    ConnectionRegistry registry;

    @Inject
    ClientCalls calls;

    /** The connections of the handler that declares the injection point. */
    public Connections forInjectionPoint(InjectionPoint injectionPoint) {
        Class<?> owner = injectionPoint == null || injectionPoint.getBean() == null ? null
                : injectionPoint.getBean().getBeanClass();
        Handler handler = owner == null ? null : owner.getAnnotation(Handler.class);
        if (handler == null) {
            throw new IllegalStateException("Connections can only be injected into a @Handler bean");
        }
        return of(handler.value());
    }

    /** The connections of one service. */
    public Connections of(String service) {
        return new OfService(service);
    }

    /** Calls a client of {@code service} with arguments already in JSON, as the relay receives them. */
    public CompletionStage<Result<Object>> callClient(String service, String clientIdentity, String method,
                                                      JsonArray args, Duration timeout) {
        List<LiveConnection> connected = registry.byClientIdentity(service, clientIdentity);
        if (connected.isEmpty()) {
            return CompletableFuture.completedFuture(Result.error(Errors.ENOENT, "the client " + clientIdentity
                    + " is not connected to " + service));
        }
        // The latest connection: after a reconnection, the older one is the one about to be found dead.
        return calls.call(connected.get(connected.size() - 1), method, args, timeout);
    }

    private final class OfService implements Connections {

        private final String service;

        OfService(String service) {
            this.service = service;
        }

        @Override
        public Optional<Connection> byTransportId(String transportId) {
            return registry.byTransportId(service, transportId).map(Connection.class::cast);
        }

        @Override
        public List<Connection> byClientIdentity(String clientIdentity) {
            return List.copyOf(registry.byClientIdentity(service, clientIdentity));
        }

        @Override
        public List<Connection> all() {
            return List.copyOf(registry.all(service));
        }

        @Override
        public int sendToClient(String clientIdentity, Record message) {
            List<LiveConnection> connected = registry.byClientIdentity(service, clientIdentity);
            connected.forEach(connection -> connection.send(message));
            return connected.size();
        }

        @Override
        public CompletionStage<Result<Object>> callClient(String clientIdentity, String method, List<?> arguments,
                                                          Duration timeout) {
            JsonArray args = (JsonArray) JEncode.parse(JEncode.encode(arguments));
            return ServiceConnections.this.callClient(service, clientIdentity, method, args, timeout);
        }
    }
}
