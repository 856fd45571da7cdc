package io.gatehouse.runtime.configuration;

/** Where a service's options live in the tree, as in DIRAC: {@code /Systems/<System>/Services/<Component>/}. */
public final class ServicePaths {

    private ServicePaths() {
    }

    /** The section of service {@code System/Component}, with a trailing slash. */
    public static String serviceSection(String service) {
        int slash = service.indexOf('/');
        return "/Systems/" + service.substring(0, slash) + "/Services/" + service.substring(slash + 1) + "/";
    }
}
