package io.gatehouse.it;

import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.PemFiles;
import io.gatehouse.credentials.Pkcs12Stores;
import io.gatehouse.testpki.CaDirectory;
import io.gatehouse.testpki.CertificateAuthority;

import org.bouncycastle.asn1.x500.X500Name;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The build's test CA, as the tests use it while the server runs: new users, and revocations in its CRL. */
final class TestCa {

    private final CertificateAuthority ca;

    private TestCa() throws Exception {
        ca = CertificateAuthority.load(Caller.PKI.resolve("ca/ca.pem"), Caller.PKI.resolve("ca/ca-key.pem"),
                new SecureRandom());
    }

    static TestCa load() throws Exception {
        return new TestCa();
    }

    /** A new user certificate for {@code subject} (e.g. {@code C=ch,O=Gatehouse,OU=Users,CN=alice}), valid a day. */
    IssuedCredential issueUser(String subject) throws Exception {
        return ca.issueUser(new X500Name(subject), Duration.ofDays(1));
    }

    /** The credential as a PKCS12 key store (password changeit) in {@code dir}. */
    static Path keyStore(Path dir, String alias, IssuedCredential credential) throws Exception {
        Path p12 = dir.resolve(alias + ".p12");
        Pkcs12Stores.writeKeyStore(p12, alias, credential.privateKey(), credential.chain(), "changeit".toCharArray());
        return p12;
    }

    /** Adds the certificate to the CRL the server reads from its CA directory. */
    void revoke(IssuedCredential credential) throws Exception {
        Set<BigInteger> revoked = new HashSet<>(Set.of(credential.certificate().getSerialNumber()));
        X509CRL current = PemFiles.readCrl(Caller.PKI.resolve("ca/ca.crl.pem"));
        if (current.getRevokedCertificates() != null) {
            current.getRevokedCertificates().forEach(entry -> revoked.add(entry.getSerialNumber()));
        }
        X509CRL next = ca.issueCrl(revoked);
        CaDirectory.install(Caller.PKI.resolve("certificates"), ca.certificate(), next);
        PemFiles.writeCrl(Caller.PKI.resolve("ca/ca.crl.pem"), next);
    }
}
