package io.gatehouse.runtime.messaging;

import java.util.List;
import java.util.Optional;

/**
 * The live stable connections, by service. Behind an interface so that a cluster-wide registry (on Payara's
 * Hazelcast or WildFly's Infinispan) can replace the in-memory one and reach a client connected elsewhere.
 */
public interface ConnectionRegistry {

    /** Records an accepted connection. */
    void add(LiveConnection connection);

    /** Forgets a connection that ended; no effect when it is not recorded. */
    void remove(LiveConnection connection);

    Optional<LiveConnection> byTransportId(String service, String transportId);

    List<LiveConnection> byClientIdentity(String service, String clientIdentity);

    List<LiveConnection> all(String service);

    /** How many connections are open, all services together. */
    int size();
}
