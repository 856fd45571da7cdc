package io.gatehouse.client;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.testpki.CertificateAuthority;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTPS host name rules, on certificates made for the purpose. */
class HostnameRulesTest {

    static CertificateAuthority ca;
    static KeyPair keys;

    @BeforeAll
    static void ca() throws Exception {
        ca = CertificateAuthority.create(new X500Name("CN=Hostname Test CA"));
        keys = KeyPairs.generateRsa(2048, new SecureRandom());
    }

    private static X509Certificate host(String subject, String... names) throws Exception {
        return ca.certify(keys.getPublic(), new X500Name(subject), CertificateAuthority.Usage.HOST, List.of(names),
                Duration.ofDays(1));
    }

    private static boolean accepted(String host, X509Certificate certificate) {
        return HostnameRules.mismatch(host, certificate).isEmpty();
    }

    @Test
    void dnsNamesMatchExactlyButCaseInsensitively() throws Exception {
        X509Certificate certificate = host("CN=server", "gatehouse.example.org", "other.example.org");
        assertTrue(accepted("gatehouse.example.org", certificate));
        assertTrue(accepted("Other.Example.ORG", certificate));
        assertTrue(accepted("gatehouse.example.org.", certificate), "a trailing dot is the same name");
        assertFalse(accepted("example.org", certificate));
        assertFalse(accepted("evil-gatehouse.example.org", certificate));
        assertFalse(accepted("gatehouse.example.org.evil.com", certificate));
    }

    @Test
    void aWildcardIsOneWholeLeftmostLabel() throws Exception {
        X509Certificate certificate = host("CN=wild", "*.grid.example.org");
        assertTrue(accepted("node1.grid.example.org", certificate));
        assertFalse(accepted("a.node1.grid.example.org", certificate), "one label only");
        assertFalse(accepted("grid.example.org", certificate), "not the bare domain");
        assertFalse(HostnameRules.matches("*.org", "example.org"), "not a whole top-level domain");
        assertFalse(HostnameRules.matches("f*.example.org", "foo.example.org"), "no partial wildcards");
        assertFalse(HostnameRules.matches("node.*.example.org", "node.a.example.org"));
        assertFalse(HostnameRules.matches("*", "localhost"));
    }

    @Test
    void anIpAddressMustBeAnIpAddressOfTheCertificate() throws Exception {
        X509Certificate certificate = host("CN=127.0.0.1", "localhost", "127.0.0.1", "::1");
        assertTrue(accepted("127.0.0.1", certificate));
        assertTrue(accepted("[::1]", certificate));
        assertTrue(accepted("0:0:0:0:0:0:0:1", certificate));
        assertFalse(accepted("127.0.0.2", certificate));
        // The CN never stands for an address.
        assertFalse(accepted("127.0.0.1", host("CN=127.0.0.1", "localhost")));
    }

    @Test
    void theCommonNameCountsOnlyWithoutDnsNames() throws Exception {
        assertTrue(accepted("old.example.org", host("C=ch,O=Grid,CN=old.example.org")));
        assertFalse(accepted("other.example.org", host("C=ch,O=Grid,CN=old.example.org")));
        // The most specific CN is the last one.
        assertTrue(accepted("b.example.org", host("CN=a.example.org,CN=b.example.org")));
        assertFalse(accepted("a.example.org", host("CN=a.example.org,CN=b.example.org")));
        // With a dNSName the CN is ignored.
        assertFalse(accepted("old.example.org", host("CN=old.example.org", "new.example.org")));
        // An IP subjectAltName alone does not stop the CN from counting for a name.
        assertTrue(accepted("localhost", host("CN=localhost", "127.0.0.1")));
    }

    @Test
    void noHostIsNoMatch() throws Exception {
        X509Certificate certificate = host("CN=localhost", "localhost");
        assertFalse(accepted(null, certificate));
        assertFalse(accepted("", certificate));
        assertTrue(HostnameRules.mismatch("elsewhere", certificate).get().contains("DNS:localhost"));
    }
}
