package io.gatehouse.runtime.description.openapi;

import io.gatehouse.runtime.description.ServiceDescriber;
import io.gatehouse.runtime.dispatch.ServiceTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The service table of this deployment, for the OpenAPI model reader: the servers create the reader by reflection,
 * without CDI, so it cannot be injected. Each deployment has its own class loader, hence its own holder.
 */
public final class PublishedServices {

    private static volatile ServiceTable table;

    private PublishedServices() {
    }

    /** Called once the table is built (at deployment, before the application serves anything). */
    public static void publish(ServiceTable built) {
        table = built;
    }

    /** Whether the table has been published yet. */
    static boolean published() {
        return table != null;
    }

    /** Every deployed service as its code declares it, sorted by name; none while the table is not built. */
    static List<DocumentedService> services() {
        ServiceTable current = table;
        List<DocumentedService> services = new ArrayList<>();
        if (current == null) {
            return services;
        }
        for (String name : current.serviceNames()) {
            current.service(name).ifPresent(entry -> services.add(new DocumentedService(name,
                    ServiceDescriber.declaredDoc(entry).orElse(null),
                    ServiceDescriber.declaredMethods(entry, current.builtins()))));
        }
        return services;
    }
}
