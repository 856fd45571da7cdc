package io.gatehouse.runtime.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connections of this server, in memory: by transport id, and by service and client identity. */
@ApplicationScoped
public class LocalConnectionRegistry implements ConnectionRegistry {

    private final Map<String, LiveConnection> byTransportId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<LiveConnection>>> byClient = new ConcurrentHashMap<>();

    @Override
    public void add(LiveConnection connection) {
        byTransportId.put(connection.transportId(), connection);
        byClient.computeIfAbsent(connection.service(), s -> new ConcurrentHashMap<>())
                .compute(connection.clientIdentity(), (id, list) -> list == null ? List.of(connection)
                        : append(list, connection));
    }

    @Override
    public void remove(LiveConnection connection) {
        if (byTransportId.remove(connection.transportId(), connection)) {
            Map<String, List<LiveConnection>> clients = byClient.get(connection.service());
            if (clients != null) {
                clients.computeIfPresent(connection.clientIdentity(), (id, list) -> {
                    List<LiveConnection> rest = list.stream().filter(c -> c != connection).toList();
                    return rest.isEmpty() ? null : rest;
                });
            }
        }
    }

    @Override
    public Optional<LiveConnection> byTransportId(String service, String transportId) {
        return Optional.ofNullable(byTransportId.get(transportId)).filter(c -> c.service().equals(service));
    }

    @Override
    public List<LiveConnection> byClientIdentity(String service, String clientIdentity) {
        Map<String, List<LiveConnection>> clients = byClient.get(service);
        return clients == null ? List.of() : clients.getOrDefault(clientIdentity, List.of());
    }

    @Override
    public List<LiveConnection> all(String service) {
        Map<String, List<LiveConnection>> clients = byClient.get(service);
        return clients == null ? List.of() : clients.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public int size() {
        return byTransportId.size();
    }

    private static List<LiveConnection> append(List<LiveConnection> list, LiveConnection connection) {
        java.util.ArrayList<LiveConnection> longer = new java.util.ArrayList<>(list);
        longer.add(connection);
        return List.copyOf(longer);
    }
}
