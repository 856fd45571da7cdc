package io.gatehouse.config.trust;

import java.lang.instrument.Instrumentation;
import java.security.Security;

/**
 * Installs {@link GridTrustProvider} before the server starts: {@code java -javaagent:server-config.jar ...}.
 * The provider must sit on the system class path for the server's TLS listener to find it; an agent is the
 * simplest way to put it there (a server's own library directories are too late or too isolated).
 */
public final class GridTrustAgent {

    private GridTrustAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        install();
    }

    /** Adds the provider once; safe to call again. */
    public static void install() {
        if (Security.getProvider("Gatehouse") == null) {
            Security.addProvider(new GridTrustProvider());
        }
    }
}
