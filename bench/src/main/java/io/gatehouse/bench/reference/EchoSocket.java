package io.gatehouse.bench.reference;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The messaging benchmark's baseline: a plain Jakarta WebSocket endpoint that sends each text frame back, the way
 * a WebSocket developer writes it, with no Gatehouse code (reached over the same TLS listener, with the same client
 * certificate as Gatehouse's stable connections).
 */
@ServerEndpoint("/echo-ws")
public class EchoSocket {

    @OnMessage
    public String echo(String text, Session session) {
        return text;
    }
}
