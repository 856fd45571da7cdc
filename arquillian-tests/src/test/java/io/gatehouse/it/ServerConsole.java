package io.gatehouse.it;

/**
 * What a full server's administrator does from the server's own console or command line to change one
 * configuration option of the running application (a method's rule, a handler option), by its DIRAC path.
 */
interface ServerConsole {

    /** Sets the option, adding it when absent. */
    void setOption(String path, String value);

    /** Removes the option, so that the file's value (or the code's) applies again. */
    void removeOption(String path);

    static ServerConsole of(TargetServer server) {
        return switch (server) {
            case WILDFLY -> new WildFlyCli();
            case PAYARA_SERVER -> new PayaraAsadmin();
            case PAYARA_MICRO -> throw new IllegalStateException("Payara Micro has no console");
        };
    }
}
