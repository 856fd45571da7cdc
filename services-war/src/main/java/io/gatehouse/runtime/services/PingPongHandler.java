package io.gatehouse.runtime.services;

import io.gatehouse.api.Handler;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.messaging.Messages;
import io.gatehouse.api.messaging.OnConnect;
import io.gatehouse.api.messaging.OnDrop;
import io.gatehouse.api.messaging.Receive;

import java.util.logging.Logger;

/**
 * DISET's PingPong example over a stable connection: each {@code Ping} is answered with a {@code Pong} carrying the
 * same id. Connect at {@code wss://host:8443/Framework/PingPong/connection}.
 */
@Handler("Framework/PingPong")
@Messages({PingPongHandler.Ping.class, PingPongHandler.Pong.class})
public class PingPongHandler {

    private static final Logger LOG = Logger.getLogger(PingPongHandler.class.getName());

    /**
     * Sent by clients.
     *
     * @param id any number, chosen by the client to match the answer
     */
    public record Ping(int id) {
    }

    /**
     * The answer to a {@link Ping}.
     *
     * @param id the id of the ping answered
     */
    public record Pong(int id) {
    }

    @OnConnect
    public void connected(Connection connection) {
        LOG.fine(() -> "PingPong: " + connection.clientIdentity() + " connected as " + connection.transportId());
    }

    @OnDrop
    public void dropped(Connection connection) {
        LOG.fine(() -> "PingPong: " + connection.transportId() + " dropped");
    }

    @Receive(auth = "all")
    public void ping(Ping ping, Connection from) {
        from.send(new Pong(ping.id()));
    }
}
