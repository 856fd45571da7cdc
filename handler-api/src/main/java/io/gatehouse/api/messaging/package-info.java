/**
 * Stable connections (DISET's model) and calls into connected clients (restpipe's model), for a service author.
 *
 * <p>A service declares the messages it exchanges as records ({@link io.gatehouse.api.messaging.Messages}), one
 * handler per message it accepts, each with its own rule ({@link io.gatehouse.api.messaging.Receive}), and,
 * if it wants them, a connect and a drop callback ({@link io.gatehouse.api.messaging.OnConnect},
 * {@link io.gatehouse.api.messaging.OnDrop}). Clients connect with a WebSocket to
 * {@code wss://host:8443/<System>/<Component>/connection}, authenticated by their certificate as for a call. The
 * service sends to a connection or to a client at any time, and calls methods a client offers, through the injected
 * {@link io.gatehouse.api.messaging.Connections}:
 *
 * <pre>{@code
 * @Handler("Framework/PingPong")
 * @Messages({PingPongHandler.Ping.class, PingPongHandler.Pong.class})
 * public class PingPongHandler {
 *     public record Ping(int id) {}
 *     public record Pong(int id) {}
 *
 *     @Receive(auth = "all")
 *     public void ping(Ping ping, Connection from) {
 *         from.send(new Pong(ping.id()));
 *     }
 * }
 * }</pre>
 */
package io.gatehouse.api.messaging;
