package io.gatehouse.client;

import io.gatehouse.api.Errors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import io.gatehouse.testpki.CertificateAuthority;
import io.gatehouse.testpki.DevPki;
import io.gatehouse.testpki.ProxyForgery;
import io.gatehouse.api.wire.JEncode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mutual TLS: what the client presents, which servers it accepts, and how it uses connections. */
class TlsTest {

    @TempDir
    static Path pki;

    static FakeGatehouse server;
    static String url;
    static ClientTrust trust;

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        server = FakeGatehouse.start(pki);
        url = server.url("/Framework/Hello");
        trust = ClientTrust.caDirectory(pki.resolve("certificates"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    /** A PKCS#12 host credential (alias s1as, password changeit) issued by the development CA. */
    static Path hostKeyStore(Path pki, String subject, String... names) throws Exception {
        return issuedKeyStore(pki, "ca", subject, names);
    }

    private static Path issuedKeyStore(Path pki, String caDirectory, String subject, String... names)
            throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(pki.resolve(caDirectory + "/ca.pem"),
                pki.resolve(caDirectory + "/ca-key.pem"), new SecureRandom());
        IssuedCredential host = ca.issueHost(new X500Name(subject), List.of(names), Duration.ofDays(1));
        Path file = Files.createTempFile(pki, "host", ".p12");
        Pkcs12Stores.writeKeyStore(file, "s1as", host.privateKey(), host.chain(), "changeit".toCharArray());
        return file;
    }

    private static GatehouseClient.Builder builder(ClientCredentials credentials) {
        return GatehouseClient.builder().url(url).credentials(credentials).trust(trust);
    }

    private static JsonObject whoami(GatehouseClient client) {
        CallResult result = client.call("whoami");
        assertTrue(result.ok(), result::toString);
        return result.value().asJsonObject();
    }

    private static String aliceDn() throws Exception {
        return ClientCredentials.dn(PemFiles.readCertificate(pki.resolve("users/alice/usercert.pem")));
    }

    // ---- what the client presents ----

    @Test
    void theProxyChainIsPresented() throws Exception {
        try (GatehouseClient client = builder(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .build()) {
            JsonArray chain = whoami(client).getJsonArray("chain");
            assertEquals(2, chain.size(), chain::toString);
            assertTrue(chain.getString(0).startsWith(aliceDn() + "/CN="), chain.getString(0));
            assertEquals(aliceDn(), chain.getString(1));
            List<X509Certificate> seen = server.last().chain();
            assertEquals(client.credentials().chain(), seen);
        }
    }

    @Test
    void aLegacyProxyChainIsPresentedToo() throws Exception {
        Path user = pki.resolve("users/alice");
        X509Certificate certificate = PemFiles.readCertificate(user.resolve("usercert.pem"));
        IssuedCredential alice = new IssuedCredential(certificate, PemFiles.readPrivateKey(user.resolve("userkey.pem")),
                List.of(certificate));
        Path file = pki.resolve("legacy-proxy.pem");
        GridProxyFiles.write(file, new ProxyIssuer().issue(alice, ProxyOptions.legacy()));
        try (GatehouseClient client = builder(ClientCredentials.proxyFile(file)).build()) {
            JsonArray chain = whoami(client).getJsonArray("chain");
            assertEquals(List.of(aliceDn() + "/CN=proxy", aliceDn()),
                    List.of(chain.getString(0), chain.getString(1)));
        }
    }

    @Test
    void certificateAndPkcs12CredentialsArePresented() throws Exception {
        Path user = pki.resolve("users/alice");
        for (ClientCredentials credentials : List.of(
                ClientCredentials.pem(user.resolve("usercert.pem"), user.resolve("userkey.pem")),
                ClientCredentials.pkcs12(user.resolve("user.p12"), "changeit".toCharArray()))) {
            try (GatehouseClient client = builder(credentials).build()) {
                assertEquals(aliceDn(), whoami(client).getJsonArray("chain").getString(0));
            }
        }
    }

    @Test
    void withoutCredentialsTheServerSeesAVisitor() {
        try (GatehouseClient client = builder(ClientCredentials.none()).build()) {
            assertEquals(0, whoami(client).getJsonArray("chain").size());
        }
    }

    @Test
    void theChainIsPresentedWhateverCaNamesTheServerLists() throws Exception {
        X509Certificate rogueCa = PemFiles.readCertificate(pki.resolve("untrusted/ca.pem"));
        SSLContext context = FakeGatehouse.serverContext(pki.resolve("host/host.p12"),
                FakeGatehouse.namingOtherCas(FakeGatehouse.gridTrust(pki.resolve("certificates")), rogueCa));
        try (FakeGatehouse picky = FakeGatehouse.start(context)) {
            String pickyUrl = picky.url("/Framework/Hello");
            try (GatehouseClient client = GatehouseClient.builder().url(pickyUrl).trust(trust)
                    .credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem"))).build()) {
                assertEquals(2, whoami(client).getJsonArray("chain").size());
            }

            // The control: the JDK's own key manager, with the same user, sends nothing to this server.
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(Pkcs12Stores.load(pki.resolve("users/alice/user.p12"), "changeit".toCharArray()),
                    "changeit".toCharArray());
            TrustManagerFactory trusted = TrustManagerFactory.getInstance("PKIX");
            trusted.init(Pkcs12Stores.load(pki.resolve("truststore.p12"), "changeit".toCharArray()));
            SSLContext jdk = SSLContext.getInstance("TLS");
            jdk.init(keys.getKeyManagers(), trusted.getTrustManagers(), null);
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(jdk)
                    .version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(pickyUrl))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("method=whoami")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(0, JEncode.parse(response.body()).asJsonObject().getJsonObject("Value")
                    .getJsonArray("chain").size());
        }
    }

    @Test
    void hostModeSendsHostsAsExtraCredentials() {
        Path host = pki.resolve("host");
        try (GatehouseClient client = builder(ClientCredentials.pem(host.resolve("hostcert.pem"),
                host.resolve("hostkey.pem"))).asHost().build()) {
            JsonObject who = whoami(client);
            assertEquals("\"hosts\"", who.getString("extraCredentials"));
            assertTrue(who.getJsonArray("chain").getString(0).endsWith("/CN=localhost"));
        }
    }

    @Test
    void delegationSendsTheDnAndGroup() throws Exception {
        String dn = aliceDn();
        Path host = pki.resolve("host");
        try (GatehouseClient client = builder(ClientCredentials.pem(host.resolve("hostcert.pem"),
                host.resolve("hostkey.pem"))).delegate(dn, "dirac_user").build()) {
            whoami(client);
            JsonArray sent = JEncode.parse(server.last().extraCredentials()).asJsonArray();
            assertEquals(List.of(dn, "dirac_user"), List.of(sent.getString(0), sent.getString(1)));
            assertEquals(2, sent.size());
        }
        try (GatehouseClient client = builder(ClientCredentials.none()).build()) {
            client.call("whoami");
            assertEquals(null, server.last().extraCredentials(), "nothing sent unless asked for");
        }
    }

    // ---- which servers the client accepts ----

    /** The CA directory's namespace policy (/C=ch/O=Gatehouse) binds servers too: a host outside it is refused. */
    @Test
    void aServerCertificateOutsideItsCasNamespaceIsRefused() throws Exception {
        try (FakeGatehouse outside = FakeGatehouse.start(FakeGatehouse.serverContext(
                hostKeyStore(pki, "C=ch,O=Elsewhere,CN=localhost", "localhost", "127.0.0.1"),
                FakeGatehouse.gridTrust(pki.resolve("certificates"))));
             GatehouseClient client = GatehouseClient.builder().url(outside.url("/Framework/Hello")).trust(trust)
                     .build()) {
            CallResult result = client.call("sayHello", "mallory");
            assertFalse(result.ok());
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertTrue(result.message().contains("TLS handshake failed"), result.message());
            assertTrue(result.message().contains("namespace"), result.message());
            assertEquals(0, outside.calls().size());
        }
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        try (FakeGatehouse elsewhere = FakeGatehouse.start(FakeGatehouse.serverContext(
                hostKeyStore(pki, "C=ch,O=Gatehouse,OU=Hosts,CN=elsewhere", "elsewhere.example"), FakeGatehouse.gridTrust(pki.resolve("certificates"))));
             GatehouseClient client = GatehouseClient.builder().url(elsewhere.url("/Framework/Hello")).trust(trust)
                     .build()) {
            CallResult result = client.call("sayHello", "mallory");
            assertFalse(result.ok());
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertTrue(result.message().contains("TLS handshake failed"), result.message());
            assertTrue(result.message().contains("does not match the host name"), result.message());
            assertTrue(result.message().contains("DNS:elsewhere.example, not for localhost"), result.message());
            assertEquals(0, elsewhere.calls().size());
        }
    }

    @Test
    void theCommonNameDoesNotCountWhenTheCertificateHasDnsNames() throws Exception {
        try (FakeGatehouse misnamed = FakeGatehouse.start(FakeGatehouse.serverContext(
                hostKeyStore(pki, "C=ch,O=Gatehouse,OU=Hosts,CN=localhost", "elsewhere.example"), FakeGatehouse.gridTrust(pki.resolve("certificates"))));
             GatehouseClient client = GatehouseClient.builder().url(misnamed.url("/Framework/Hello")).trust(trust)
                     .build()) {
            CallResult result = client.call("sayHello", "mallory");
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertTrue(result.message().contains("does not match the host name"), result.message());
        }
    }

    @Test
    void aServerOfAnUntrustedCaIsRefused() throws Exception {
        try (FakeGatehouse rogue = FakeGatehouse.start(FakeGatehouse.serverContext(
                issuedKeyStore(pki, "untrusted", "CN=localhost", "localhost", "127.0.0.1"),
                FakeGatehouse.gridTrust(pki.resolve("certificates"))));
             GatehouseClient client = GatehouseClient.builder().url(rogue.url("/Framework/Hello")).trust(trust)
                     .build()) {
            CallResult result = client.call("sayHello", "mallory");
            assertFalse(result.ok());
            assertEquals(Errors.ECONNREFUSED, result.errno());
            assertTrue(result.message().contains("is not trusted by the CA directory"), result.message());
            assertEquals(0, rogue.calls().size());
        }
    }

    @Test
    void anIpAddressUrlMatchesTheCertificatesIpAddress() {
        try (GatehouseClient client = GatehouseClient.builder().url("https://127.0.0.1:" + server.port()
                + "/Framework/Hello").trust(trust).build()) {
            assertTrue(client.call("sayHello", "ip").ok());
        }
    }

    @Test
    void aTrustStoreWorksAsWellAsACaDirectory() {
        ClientTrust store = ClientTrust.trustStore(pki.resolve("truststore.p12"), "changeit".toCharArray());
        try (GatehouseClient client = GatehouseClient.builder().url(url).trust(store).build()) {
            assertTrue(client.call("sayHello", "store").ok());
        }
        assertThrows(IllegalArgumentException.class,
                () -> ClientTrust.trustStore(pki.resolve("truststore.p12"), "wrong".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> ClientTrust.caDirectory(pki.resolve("nothing-here")));
    }

    // ---- connections ----

    @Test
    void aPooledClientReusesOneConnection() {
        try (GatehouseClient client = builder(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .build()) {
            for (int i = 0; i < 5; i++) {
                assertTrue(client.call("sayHello", "pooled " + i).ok());
            }
        }
        assertEquals(5, server.calls().size());
        assertEquals(1, server.connections().size(), "one TLS connection for five calls");
    }

    @Test
    void anUnpooledClientOpensAConnectionForEveryCall() {
        try (GatehouseClient client = builder(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem")))
                .pooled(false).build()) {
            for (int i = 0; i < 5; i++) {
                CallResult result = client.call("whoami");
                assertTrue(result.ok());
                assertEquals(2, result.value().asJsonObject().getJsonArray("chain").size());
            }
        }
        assertEquals(5, server.calls().size());
        assertEquals(5, server.connections().size(), "a new TLS connection for every call");
    }

    // ---- credentials that cannot work ----

    @Test
    void anExpiredProxyIsRefusedAtBuildWithAHelpfulMessage() throws Exception {
        Path user = pki.resolve("users/alice");
        X509Certificate certificate = PemFiles.readCertificate(user.resolve("usercert.pem"));
        IssuedCredential alice = new IssuedCredential(certificate, PemFiles.readPrivateKey(user.resolve("userkey.pem")),
                List.of(certificate));
        Instant now = Instant.now();
        IssuedCredential expired = ProxyForgery.of(ProxyOptions.rfc3820())
                .validity(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)))
                .issue(alice, new SecureRandom());
        Path file = pki.resolve("expired-proxy.pem");
        GridProxyFiles.write(file, expired);

        ClientCredentials credentials = ClientCredentials.proxyFile(file);
        assertEquals(Duration.ZERO, credentials.timeLeft());
        assertTrue(credentials.isProxy());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> builder(credentials).build());
        assertTrue(refused.getMessage().contains("expired at"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("gatehouse proxy-init"), refused.getMessage());
        assertEquals(0, server.calls().size());
    }

    @Test
    void anExpiredCertificateIsRefusedAtBuild() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(pki.resolve("ca/ca.pem"), pki.resolve("ca/ca-key.pem"),
                new SecureRandom());
        var keys = KeyPairs.generateRsa(2048, new SecureRandom());
        Instant now = Instant.now();
        X509Certificate old = ca.certify(keys.getPublic(), new X500Name("C=ch,O=Gatehouse,OU=Users,CN=old"),
                CertificateAuthority.Usage.USER, List.of(), now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(2)), false);
        Path cert = pki.resolve("old-cert.pem");
        Path key = pki.resolve("old-key.pem");
        PemFiles.writeCertificates(cert, old);
        PemFiles.writePrivateKey(key, keys.getPrivate());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> builder(ClientCredentials.pem(cert, key)).build());
        assertTrue(refused.getMessage().contains("/CN=old"), refused.getMessage());
        assertTrue(refused.getMessage().contains("expired at"), refused.getMessage());
        assertTrue(refused.getMessage().contains("renew it"), refused.getMessage());
    }
}
