package io.gatehouse.api.messaging;

import io.gatehouse.api.Credentials;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One client's open stable connection to a service. */
public interface Connection {

    /** The transport id: unique to this connection; a client that reconnects gets a new one. */
    String transportId();

    /** The identity the client keeps across its reconnections (DISET's client identity). */
    String clientIdentity();

    /** Who connected, as a call's {@link Credentials}, resolved when the connection opened. */
    Credentials credentials();

    /** What the client sent when connecting (DISET's connection keyword arguments), JEncode values. */
    Map<String, Object> parameters();

    /**
     * Sends a message of the service's {@link Messages} to this client.
     *
     * @return completes when the frame is written, or exceptionally when the connection is gone
     * @throws IllegalArgumentException when the message's type is not declared by the service
     */
    CompletionStage<Void> send(Record message);

    /** True until the connection ends. */
    boolean isOpen();

    /** Closes the connection, telling the client why. */
    void close(String reason);
}
