package io.gatehouse.it;

/**
 * Which server the suite runs against, from the system property {@code gatehouse.it.server} set by the Surefire
 * execution (one execution per server, each with that server's Arquillian adapter alone on its class path).
 */
enum TargetServer {
    PAYARA_MICRO("payara-micro"),
    PAYARA_SERVER("payara-server"),
    WILDFLY("wildfly");

    private final String name;

    TargetServer(String name) {
        this.name = name;
    }

    static TargetServer current() {
        String name = System.getProperty("gatehouse.it.server", PAYARA_MICRO.name);
        for (TargetServer server : values()) {
            if (server.name.equals(name)) {
                return server;
            }
        }
        throw new IllegalStateException("unknown gatehouse.it.server: " + name);
    }

    /** Payara Micro deploys WARs only; the full servers get the EAR. */
    boolean takesEars() {
        return this != PAYARA_MICRO;
    }
}
