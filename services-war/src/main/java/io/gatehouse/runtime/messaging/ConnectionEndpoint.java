package io.gatehouse.runtime.messaging;

import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.CredentialPrincipal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.security.Principal;
import java.util.Optional;

/**
 * The WebSocket end of one stable connection, at {@code /<System>/<Component>/connection}: authenticated like a
 * call (the container ran Gatehouse's authentication on the upgrade request, and its principal carries the
 * caller's credentials), then every text frame goes to {@link ConnectionService}. One instance per socket; the
 * container delivers a socket's frames one at a time.
 */
public class ConnectionEndpoint extends Endpoint {

    /** The endpoint's path below the application, with the service's two names as path parameters. */
    public static final String PATH = "/{system}/{component}/connection";

    private final ConnectionService connections;
    private ConnectionService.Opening opening;
    private LiveConnection connection;

    ConnectionEndpoint(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(connections.maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(connections.maxFrameBytes());
        // No idle timeout unless one is set: a stable connection may stay quiet for hours.
        session.setMaxIdleTimeout(connections.idleTimeoutMillis());
        String service = session.getPathParameters().get("system") + "/" + session.getPathParameters().get("component");
        Principal principal = session.getUserPrincipal();
        Optional<ConnectionService.Opening> opened = principal instanceof CredentialPrincipal registered
                ? connections.open(session, service, registered.credentials(), registered.chain())
                : connections.open(session, service, CallerCredentials.noCertificate(), null);
        if (opened.isEmpty()) {
            return;
        }
        opening = opened.get();
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
    }

    private void onText(String text) {
        if (connection == null) {
            connection = connections.connect(opening, text).orElse(null);
        } else {
            connections.receive(connection, text);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection != null) {
            connections.ended(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        // A frame over the size limit, a broken socket: the container closes the session, and onClose follows.
    }
}
