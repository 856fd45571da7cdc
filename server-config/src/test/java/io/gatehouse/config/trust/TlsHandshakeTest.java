package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.CrlCheckingMode;
import eu.emi.security.authn.x509.NamespaceCheckingMode;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.testpki.DevPki;
import io.gatehouse.testpki.TestChains;
import javax.net.ssl.TrustManager;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on the loopback interface with the generated stores, as the server and the Java client will use
 * them: the host credential must be accepted for "localhost" and 127.0.0.1, dev users must be accepted and the
 * rogue user refused.
 */
class TlsHandshakeTest {

    private static final char[] PASSWORD = DevPki.PASSWORD.toCharArray();

    @TempDir
    static Path dir;

    private static ExecutorService executor;

    @BeforeAll
    static void generate() throws Exception {
        DevPki.generate(dir, List.of("devuser"), false, true);
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @Test
    void devUserIsAcceptedAndServerNameMatchesLocalhost() throws Exception {
        Outcome outcome = handshake(DevPki.userDir(dir, "devuser").resolve(DevPki.USER_P12), "localhost");
        assertEquals("CN=devuser,OU=Users,O=Gatehouse,C=ch", outcome.acceptedPeer());
    }

    @Test
    void serverNameMatchesTheLoopbackAddress() throws Exception {
        Outcome outcome = handshake(DevPki.userDir(dir, "devuser").resolve(DevPki.USER_P12), "127.0.0.1");
        assertEquals("CN=devuser,OU=Users,O=Gatehouse,C=ch", outcome.acceptedPeer());
    }

    @Test
    void rogueUserIsRefused() throws Exception {
        Outcome outcome = handshake(dir.resolve(DevPki.ROGUE_P12), "localhost");
        assertNull(outcome.peer(), "the server must not accept the rogue user");
        assertTrue(outcome.serverError() instanceof SSLException, String.valueOf(outcome.serverError()));
        // Refused by the server's trust check (PKIX path building), not merely left out by the client.
        assertTrue(String.valueOf(outcome.serverError()).contains("PKIX"), String.valueOf(outcome.serverError()));
    }

    @Test
    void clientRefusesAServerNameNotInTheCertificate() throws Exception {
        Outcome outcome = handshake(DevPki.userDir(dir, "devuser").resolve(DevPki.USER_P12), "gatehouse.invalid");
        assertNull(outcome.peer());
        assertTrue(String.valueOf(outcome.clientError()).contains("gatehouse.invalid"),
                String.valueOf(outcome.clientError()));
    }

    /** The grid trust manager over the generated CA directory, reading its namespace policies in this mode. */
    private static GridTrustManager gridTrust(NamespaceCheckingMode mode) {
        return new GridTrustManager(GridChainValidator.create(new GridTrustSettings(
                Optional.of(dir.resolve(DevPki.CERTIFICATES_DIR)), Duration.ofMinutes(10), CrlCheckingMode.REQUIRE,
                mode, 2048), null));
    }

    /** Every message in a failure's cause chain, for asserting why a handshake failed. */
    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append(" / ");
        }
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(value = NamespaceCheckingMode.class, names = {"EUGRIDPMA", "GLOBUS", "EUGRIDPMA_GLOBUS"})
    void subjectsOutsideTheirCasNamespaceAreRefusedAtTheHandshake(NamespaceCheckingMode mode) throws Exception {
        GridTrustManager trust = gridTrust(mode);
        for (String name : List.of(TestChains.OUTSIDE_NAMESPACE, TestChains.DENIED_SUBTREE)) {
            Outcome outcome = handshake(TestChains.p12(dir, name), "localhost", trust);
            assertNull(outcome.peer(), mode + ": the server must not accept " + name);
            String why = messages(outcome.serverError());
            assertTrue(why.toLowerCase(java.util.Locale.ROOT).contains("namespace"), mode + " " + name + ": " + why);
        }
        assertEquals("CN=devuser,OU=Users,O=Gatehouse,C=ch", handshake(DevPki.userDir(dir, "devuser")
                .resolve(DevPki.USER_P12), "localhost", trust).acceptedPeer());
    }

    @Test
    void anOldHashOnlyDirectoryAuthenticatesItsUsers() throws Exception {
        Path old = OldHashDirectories.copyWithOldNames(dir.resolve(DevPki.CERTIFICATES_DIR),
                dir.resolve("old-hashes"));
        GridTrustManager trust = new GridTrustManager(GridChainValidator.create(new GridTrustSettings(Optional.of(old),
                Duration.ofMinutes(10), CrlCheckingMode.REQUIRE, NamespaceCheckingMode.EUGRIDPMA_GLOBUS, 2048), null));
        assertEquals("CN=devuser,OU=Users,O=Gatehouse,C=ch", handshake(DevPki.userDir(dir, "devuser")
                .resolve(DevPki.USER_P12), "localhost", trust).acceptedPeer());
        assertTrue(handshake(TestChains.p12(dir, TestChains.RFC_PROXY), "localhost", trust).acceptedPeer()
                .contains("CN=alice"));
        Outcome revoked = handshake(TestChains.p12(dir, TestChains.REVOKED_USER), "localhost", trust);
        assertNull(revoked.peer(), "the CRL under its old name still counts");
    }

    @Test
    void withNamespacesIgnoredTheSameSubjectsAreAccepted() throws Exception {
        GridTrustManager trust = gridTrust(NamespaceCheckingMode.IGNORE);
        assertEquals("CN=outsider,OU=Users,O=Elsewhere,C=ch",
                handshake(TestChains.p12(dir, TestChains.OUTSIDE_NAMESPACE), "localhost", trust).acceptedPeer());
        assertEquals("CN=retiree,OU=Retired,O=Gatehouse,C=ch",
                handshake(TestChains.p12(dir, TestChains.DENIED_SUBTREE), "localhost", trust).acceptedPeer());
    }

    @Test
    void aProxyWhoseKeyMayNotSignIsRefusedAtTheHandshake() throws Exception {
        GridTrustManager trust = gridTrust(NamespaceCheckingMode.EUGRIDPMA_GLOBUS);
        Outcome outcome = handshake(TestChains.p12(dir, TestChains.PROXY_NO_SIGNING), "localhost", trust);
        assertNull(outcome.peer());
        assertTrue(messages(outcome.serverError()).contains("without digitalSignature"),
                messages(outcome.serverError()));
        assertTrue(handshake(TestChains.p12(dir, TestChains.RFC_PROXY), "localhost", trust).acceptedPeer()
                .startsWith("CN="), "a proper proxy of the same user passes");
    }

    /** What each side saw: the client subject the server accepted, or the errors. */
    private record Outcome(String peer, Throwable serverError, Throwable clientError) {
        String acceptedPeer() {
            if (peer == null) {
                throw new AssertionError("handshake failed; server: " + serverError + ", client: " + clientError,
                        serverError != null ? serverError : clientError);
            }
            return peer;
        }
    }

    private static Outcome handshake(Path clientStore, String serverName) throws Exception {
        return handshake(clientStore, serverName, null);
    }

    /** A handshake whose server judges clients with {@code serverTrust} (null: the JDK's PKIX over the trust store). */
    private static Outcome handshake(Path clientStore, String serverName, TrustManager serverTrust) throws Exception {
        SSLContext serverContext = context(dir.resolve(DevPki.HOST_P12), serverTrust);
        SSLContext clientContext = context(clientStore, null);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            server.setNeedClientAuth(true);
            server.setSoTimeout(20_000);
            Future<String> accepted = executor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(20_000);
                    socket.startHandshake();
                    String peer = socket.getSession().getPeerPrincipal().getName();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return peer;
                }
            });
            Throwable clientError = null;
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(loopback, server.getLocalPort()), 20_000);
                plain.setSoTimeout(20_000);
                // Layered over a socket to 127.0.0.1, so the name checked against the SAN is serverName.
                try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                        .createSocket(plain, serverName, server.getLocalPort(), true)) {
                    SSLParameters parameters = client.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    client.setSSLParameters(parameters);
                    client.startHandshake();
                    // With TLS 1.3 the server judges the client certificate after the client has finished:
                    // wait for its byte (or its alert) to know the outcome.
                    if (client.getInputStream().read() != 1) {
                        throw new IOException("the server closed the connection");
                    }
                }
            } catch (IOException e) {
                clientError = e;
            }
            try {
                return new Outcome(accepted.get(20, TimeUnit.SECONDS), null, clientError);
            } catch (ExecutionException e) {
                return new Outcome(null, e.getCause(), clientError);
            }
        }
    }

    private static SSLContext context(Path keyStore, TrustManager trustManager) throws Exception {
        KeyStore keys = Pkcs12Stores.load(keyStore, PASSWORD);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        X509ExtendedKeyManager keyManager = new AlwaysPresent((X509ExtendedKeyManager) keyManagers.getKeyManagers()[0],
                Collections.list(keys.aliases()).get(0));
        KeyStore trusted = Pkcs12Stores.load(dir.resolve(DevPki.TRUSTSTORE), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keyManager},
                trustManager == null ? trust.getTrustManagers() : new TrustManager[] {trustManager}, null);
        return context;
    }

    /**
     * Presents the store's only key whatever issuers the server asks for: the JDK client would otherwise
     * send no certificate at all for the rogue user (its issuer is not in the server's list), and the test
     * must show that the server's trust check, not the client's choice, refuses it.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final String alias;

        AlwaysPresent(X509ExtendedKeyManager delegate, String alias) {
            this.delegate = delegate;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return delegate.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return delegate.getPrivateKey(name);
        }
    }
}
