package io.gatehouse.api.messaging;

import io.gatehouse.api.Result;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The live connections of the service that injects it ({@code @Inject Connections connections;}), from any thread
 * and at any time: to send messages without being asked (DISET's {@code srv_msgSend}), and to call methods that a
 * connected client offers (restpipe's calls into a client that accepts no inbound connection).
 *
 * <p>The connections are kept by a registry behind this interface, so that a cluster-wide one can reach a client
 * connected to another server.
 */
public interface Connections {

    /** The open connection with this transport id. */
    Optional<Connection> byTransportId(String transportId);

    /** The open connections of this client identity (usually one). */
    List<Connection> byClientIdentity(String clientIdentity);

    /** All open connections of the service. */
    List<Connection> all();

    /**
     * Sends a message to every open connection of a client identity.
     *
     * @return the number of connections it was sent to (0 when the client is not connected)
     */
    int sendToClient(String clientIdentity, Record message);

    /**
     * Calls a method the client offers (its {@code CallHandlers}) with positional JEncode arguments.
     *
     * @return the client's S_OK/S_ERROR; an S_ERROR when the client is not connected, disconnects before it
     *         answers, or does not answer within {@code timeout}
     */
    CompletionStage<Result<Object>> callClient(String clientIdentity, String method, List<?> arguments,
                                               Duration timeout);
}
