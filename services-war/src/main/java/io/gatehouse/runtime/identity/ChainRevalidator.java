package io.gatehouse.runtime.identity;

import jakarta.enterprise.context.ApplicationScoped;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks a client chain again, as the TLS listener did at the handshake, with the same trust manager (the grid
 * trust manager the server's JVM has, {@value #ALGORITHM}): a connection kept open for hours must stop working
 * once its certificate is revoked or its CA removed. Where the server has no such trust manager (the agent is not
 * installed), the chain is taken as the handshake left it, and that is said once in the log.
 */
@ApplicationScoped
public class ChainRevalidator {

    /** The JCA name of the grid trust manager (server-config's provider). */
    public static final String ALGORITHM = "GatehouseGrid";

    private static final Logger LOG = Logger.getLogger(ChainRevalidator.class.getName());

    private volatile Optional<X509TrustManager> trust;

    /** Why the chain is no longer accepted, or empty when it still is. */
    public Optional<String> refusal(X509Certificate[] chain) {
        Optional<X509TrustManager> manager = trustManager();
        if (manager.isEmpty()) {
            return Optional.empty();
        }
        try {
            manager.get().checkClientTrusted(chain, "UNKNOWN");
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Whether this server has the grid trust manager to check chains with. */
    public boolean hasTrustManager() {
        return trustManager().isPresent();
    }

    private Optional<X509TrustManager> trustManager() {
        Optional<X509TrustManager> current = trust;
        if (current == null) {
            synchronized (this) {
                current = trust;
                if (current == null) {
                    current = load();
                    trust = current;
                }
            }
        }
        return current;
    }

    private static Optional<X509TrustManager> load() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(ALGORITHM);
            try {
                factory.init((KeyStore) null);
            } catch (RuntimeException noDirectory) {
                factory.init(serverTrustStore());
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return Optional.of(x509);
                }
            }
        } catch (Exception e) {
            LOG.warning("no " + ALGORITHM + " trust manager in this server (" + e.getMessage() + "): client chains"
                    + " are checked at the TLS handshake only, not again on kept connections");
        }
        return Optional.empty();
    }

    private static KeyStore serverTrustStore() throws Exception {
        String path = System.getProperty("javax.net.ssl.trustStore");
        if (path == null) {
            throw new IllegalStateException("no CA directory and no javax.net.ssl.trustStore");
        }
        KeyStore store = KeyStore.getInstance(System.getProperty("javax.net.ssl.trustStoreType",
                KeyStore.getDefaultType()));
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
