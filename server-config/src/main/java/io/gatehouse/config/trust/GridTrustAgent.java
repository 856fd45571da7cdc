package io.gatehouse.config.trust;

import java.lang.instrument.Instrumentation;
import java.security.Security;

/**
 * Installs {@link GridTrustProvider} before the server starts: {@code java -javaagent:server-config.jar ...}.
 * The provider must sit on the system class path for the server's TLS listener to find it; an agent is the
 * simplest way to put it there (a server's own library directories are too late or too isolated).
 *
 * <p>It also refuses client-initiated TLS renegotiation (the JDK's
 * {@code jdk.tls.rejectClientInitiatedRenegotiation}, unless set otherwise on the command line): a TLS 1.2
 * client could otherwise present another certificate on a connection already in use, while the server reads
 * a connection's chain once (TLS 1.3 has no renegotiation at all). The JDK reads the property once, when its TLS
 * classes load, which is after an agent's {@code premain}.
 */
public final class GridTrustAgent {

    private GridTrustAgent() {
    }

    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    public static void premain(String arguments, Instrumentation instrumentation) {
        if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
        }
        install();
    }

    /** Adds the provider once; safe to call again. */
    public static void install() {
        if (Security.getProvider("Gatehouse") == null) {
            Security.addProvider(new GridTrustProvider());
        }
    }
}
