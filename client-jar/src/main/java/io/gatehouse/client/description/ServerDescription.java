package io.gatehouse.client.description;

import java.util.List;

/**
 * A server and the services it deploys, as {@code GET /} describes them.
 *
 * @param server   the server's name and version, e.g. {@code "Gatehouse 0.1.0"}; may be null
 * @param services the deployed services, sorted by name; never null
 */
public record ServerDescription(String server, List<ServiceEntry> services) {

    public ServerDescription {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * One deployed service.
     *
     * @param name {@code System/Component}
     * @param doc  what the service is for, or null
     */
    public record ServiceEntry(String name, String doc) {
    }
}
