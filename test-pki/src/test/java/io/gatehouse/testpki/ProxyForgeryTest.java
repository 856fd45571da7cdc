package io.gatehouse.testpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.ProxyCertificates;
import io.gatehouse.credentials.ProxyOptions;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each forgery changes what it says and leaves the rest of the proxy as {@code ProxyIssuer} makes it. */
class ProxyForgeryTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestIssuer pki;
    /** The key of every proxy here: forgeries differ only in what they forge. */
    private static KeyPair proxyKey;

    @BeforeAll
    static void createIssuerAndProxyKey() throws Exception {
        pki = TestIssuer.create(KeyPairs.generateRsa(2048, RANDOM), KeyPairs.generateRsa(2048, RANDOM), RANDOM);
        proxyKey = KeyPairs.generateRsa(2048, RANDOM);
    }

    private static ProxyForgery rfc3820() {
        return ProxyForgery.of(ProxyOptions.rfc3820().keyPair(proxyKey));
    }

    @Test
    void explicitDatesMakeExpiredAndNotYetValidProxies() throws Exception {
        Instant now = Instant.now();
        for (Instant notBefore : List.of(now.minus(Duration.ofHours(3)), now.plus(Duration.ofDays(1)))) {
            Instant notAfter = notBefore.plus(Duration.ofHours(1));
            X509Certificate proxy = rfc3820().validity(notBefore, notAfter).issue(pki.alice(), RANDOM).certificate();
            assertEquals(notBefore.getEpochSecond(), proxy.getNotBefore().toInstant().getEpochSecond());
            assertEquals(notAfter.getEpochSecond(), proxy.getNotAfter().toInstant().getEpochSecond());
            proxy.verify(pki.alice().certificate().getPublicKey());
        }
    }

    @Test
    void datesComeInOrderAndInPairs() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> rfc3820().validity(now, now.minusSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> new ProxyForgery(ProxyOptions.rfc3820(), null, false, null, null, now, null));
    }

    @Test
    void aForgedProxyMayOutliveItsIssuer() throws Exception {
        Instant beyond = pki.alice().certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
        X509Certificate proxy = rfc3820().validity(Instant.now(), beyond).issue(pki.alice(), RANDOM).certificate();
        assertTrue(proxy.getNotAfter().after(pki.alice().certificate().getNotAfter()));
    }

    @Test
    void aForeignKeySignsWhileTheIssuerNameStays() throws Exception {
        KeyPair other = KeyPairs.generateRsa(2048, RANDOM);
        for (ProxyOptions options : List.of(ProxyOptions.rfc3820(), ProxyOptions.legacy())) {
            X509Certificate proxy = ProxyForgery.of(options.keyPair(proxyKey)).signingKey(other.getPrivate())
                    .issue(pki.alice(), RANDOM).certificate();
            assertThrows(SignatureException.class, () -> proxy.verify(pki.alice().certificate().getPublicKey()));
            proxy.verify(other.getPublic());
            assertEquals(pki.alice().certificate().getSubjectX500Principal(), proxy.getIssuerX500Principal());
        }
    }

    @Test
    void anySubject() throws Exception {
        X509Certificate proxy = rfc3820().subject(TestChains.wrongSubject()).issue(pki.alice(), RANDOM).certificate();
        assertEquals(TestChains.wrongSubject(), X500Name.getInstance(proxy.getSubjectX500Principal().getEncoded()));
        assertFalse(ProxyCertificates.subjectExtendsIssuer(proxy));
        proxy.verify(pki.alice().certificate().getPublicKey());
    }

    @Test
    void aCaFlag() throws Exception {
        X509Certificate proxy = rfc3820().markAsCa().issue(pki.alice(), RANDOM).certificate();
        assertEquals(Integer.MAX_VALUE, proxy.getBasicConstraints());
        assertTrue(proxy.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
    }

    @Test
    void keyUsageThatForbidsSigning() throws Exception {
        X509Certificate proxy = rfc3820().keyUsage(KeyUsage.keyEncipherment).issue(pki.alice(), RANDOM).certificate();
        boolean[] keyUsage = proxy.getKeyUsage();
        for (int bit = 0; bit < keyUsage.length; bit++) {
            assertEquals(bit == 2, keyUsage[bit], "keyUsage bit " + bit);
        }
        assertTrue(proxy.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
    }

    @Test
    void whatIsNotForgedIsAsIssued() throws Exception {
        IssuedCredential forged = ProxyForgery.of(ProxyOptions.rfc3820().limited().diracGroup("dirac_user")
                .keyPair(proxyKey)).markAsCa().issue(pki.alice(), RANDOM);
        X509Certificate proxy = forged.certificate();
        assertEquals(List.of(proxy, pki.alice().certificate(), pki.ca().certificate()), forged.chain());
        assertTrue(KeyPairs.matches(forged.privateKey(), proxy.getPublicKey()));
        assertTrue(ProxyCertificates.subjectExtendsIssuer(proxy));
        assertEquals(proxy.getSerialNumber().toString(), ProxyCertificates.lastCn(proxy));
        assertTrue(ProxyCertificates.isLimitedProxy(proxy));
        assertEquals("dirac_user", ProxyCertificates.diracGroup(proxy).orElseThrow());
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false},
                proxy.getKeyUsage());
        assertEquals(Set.of(Extension.keyUsage.getId(), ProxyCertificates.PROXY_CERT_INFO.getId(),
                Extension.basicConstraints.getId()), proxy.getCriticalExtensionOIDs());
        proxy.verify(pki.alice().certificate().getPublicKey());
    }
}
