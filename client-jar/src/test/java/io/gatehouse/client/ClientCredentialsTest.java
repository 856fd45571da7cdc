package io.gatehouse.client;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.X509ExtendedKeyManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import io.gatehouse.testpki.DevPki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading credentials, and the key manager that presents them. */
class ClientCredentialsTest {

    @TempDir
    static Path pki;

    static Path alice;

    @BeforeAll
    static void generate() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        alice = pki.resolve("users/alice");
    }

    @Test
    void aProxyFileGivesTheWholeChain() {
        ClientCredentials proxy = ClientCredentials.proxyFile(alice.resolve("proxy.pem"));
        assertEquals(2, proxy.chain().size());
        assertTrue(proxy.isProxy());
        assertFalse(proxy.isNone());
        assertTrue(proxy.key().isPresent());
        Duration left = proxy.timeLeft();
        assertTrue(left.compareTo(Duration.ofHours(23)) > 0 && left.compareTo(Duration.ofHours(25)) < 0,
                left::toString);
        assertTrue(proxy.source().contains("proxy.pem"));
        assertTrue(proxy.toString().contains("/CN=alice/CN="), proxy.toString());
    }

    @Test
    void aLegacyProxyIsAProxy() throws Exception {
        X509Certificate certificate = PemFiles.readCertificate(alice.resolve("usercert.pem"));
        IssuedCredential user = new IssuedCredential(certificate, PemFiles.readPrivateKey(alice.resolve("userkey.pem")),
                List.of(certificate));
        Path file = pki.resolve("legacy.pem");
        GridProxyFiles.write(file, new ProxyIssuer().issue(user, ProxyOptions.legacy()));
        ClientCredentials legacy = ClientCredentials.proxyFile(file);
        assertTrue(legacy.isProxy());
        assertTrue(ClientCredentials.dn(legacy.chain().get(0)).endsWith("/CN=alice/CN=proxy"));
        legacy.checkUsableAt(Instant.now());
    }

    @Test
    void certificatesAndPkcs12Stores() {
        ClientCredentials pem = ClientCredentials.pem(alice.resolve("usercert.pem"), alice.resolve("userkey.pem"));
        assertFalse(pem.isProxy());
        assertEquals("/C=ch/O=Gatehouse/OU=Users/CN=alice", ClientCredentials.dn(pem.chain().get(0)));
        ClientCredentials p12 = ClientCredentials.pkcs12(alice.resolve("user.p12"), "changeit".toCharArray());
        assertEquals(pem.chain().get(0), p12.chain().get(0));
        assertTrue(p12.source().contains("user.p12"), p12.source());
        assertTrue(pem.timeLeft().compareTo(Duration.ofDays(300)) > 0);
    }

    @Test
    void unusableFilesAreRefusedWithTheReason() throws Exception {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> ClientCredentials.pem(alice.resolve("usercert.pem"), pki.resolve("host/hostkey.pem")));
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClientCredentials.proxyFile(pki.resolve("no-proxy")));
        assertTrue(missing.getMessage().contains("gatehouse proxy-init"), missing.getMessage());

        IllegalArgumentException password = assertThrows(IllegalArgumentException.class,
                () -> ClientCredentials.pkcs12(alice.resolve("user.p12"), "wrong".toCharArray()));
        assertTrue(password.getMessage().contains("user.p12"), password.getMessage());

        Path keyOnly = pki.resolve("key-only.pem");
        Files.copy(alice.resolve("userkey.pem"), keyOnly);
        assertThrows(IllegalArgumentException.class, () -> ClientCredentials.proxyFile(keyOnly));
        assertThrows(IllegalArgumentException.class, () -> ClientCredentials.pem(keyOnly, keyOnly));
    }

    @Test
    void noneHasNothing() {
        ClientCredentials none = ClientCredentials.none();
        assertTrue(none.chain().isEmpty());
        assertTrue(none.key().isEmpty());
        assertTrue(none.isNone());
        assertFalse(none.isProxy());
        assertEquals(Duration.ZERO, none.timeLeft());
        none.checkUsableAt(Instant.now());
    }

    @Test
    void aCertificateNotValidYetIsRefusedWithAWordAboutTheClock() {
        ClientCredentials pem = ClientCredentials.pem(alice.resolve("usercert.pem"), alice.resolve("userkey.pem"));
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> pem.checkUsableAt(Instant.now().minus(Duration.ofDays(2))));
        assertTrue(early.getMessage().contains("clock"), early.getMessage());
    }

    @Test
    void theDefaultProxyIsLookedForWhereGridToolsPutIt() {
        Path where = GridProxyFiles.defaultLocation();
        Assumptions.assumeFalse(Files.exists(where), "a proxy exists at " + where);
        IllegalStateException missing = assertThrows(IllegalStateException.class, ClientCredentials::defaultProxy);
        assertTrue(missing.getMessage().contains(where.toString()), missing.getMessage());
        assertTrue(missing.getMessage().contains("gatehouse proxy-init"), missing.getMessage());
    }

    @Test
    void theKeyManagerPresentsTheChainWhateverIssuersAreAskedFor() {
        ClientCredentials proxy = ClientCredentials.proxyFile(alice.resolve("proxy.pem"));
        X509ExtendedKeyManager keys = new ChainKeyManager(proxy);
        String alias = keys.chooseEngineClientAlias(new String[] {"RSA"},
                new java.security.Principal[] {new javax.security.auth.x500.X500Principal("CN=Some Other CA")}, null);
        assertEquals(ChainKeyManager.ALIAS, alias);
        assertArrayEquals(proxy.chain().toArray(new X509Certificate[0]), keys.getCertificateChain(alias));
        assertEquals(proxy.key().orElseThrow(), keys.getPrivateKey(alias));
        assertNull(keys.chooseEngineClientAlias(new String[] {"EC"}, null, null), "an RSA key cannot sign for EC");
        assertEquals(ChainKeyManager.ALIAS, keys.chooseEngineClientAlias(new String[] {"EC", "RSA"}, null, null));
        assertNull(keys.chooseEngineServerAlias("RSA", null, null));

        X509ExtendedKeyManager nothing = new ChainKeyManager(ClientCredentials.none());
        assertNull(nothing.chooseEngineClientAlias(new String[] {"RSA"}, null, null));
        assertNull(nothing.getCertificateChain(ChainKeyManager.ALIAS));
    }
}
