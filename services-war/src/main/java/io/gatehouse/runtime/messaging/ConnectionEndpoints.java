package io.gatehouse.runtime.messaging;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/** Registers the stable-connection endpoint with the server's WebSocket container when the WAR deploys. */
public class ConnectionEndpoints implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(ConnectionEndpoint.class, ConnectionEndpoint.PATH)
                .configurator(new Endpoints()).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }

    /**
     * Makes each socket's endpoint with the connection service, looked up once: a CDI lookup per socket goes
     * through a service loader, which scans the class path on Payara.
     */
    static final class Endpoints extends ServerEndpointConfig.Configurator {
        private volatile ConnectionService connections;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            ConnectionService service = connections;
            if (service == null) {
                service = CDI.current().select(ConnectionService.class).get();
                connections = service;
            }
            return endpointClass.cast(new ConnectionEndpoint(service));
        }
    }
}
