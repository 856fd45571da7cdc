package io.gatehouse.runtime.description;

import java.util.List;

/**
 * The value of {@code GET /}: the server and the services it runs.
 *
 * @param server   {@code Gatehouse <version>}
 * @param services sorted by name
 */
public record ServiceList(String server, List<Entry> services) {

    /** One deployed service. */
    public record Entry(String name, String doc) {
    }
}
