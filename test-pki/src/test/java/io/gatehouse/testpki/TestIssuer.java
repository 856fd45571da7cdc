package io.gatehouse.testpki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import io.gatehouse.credentials.IssuedCredential;

/** A new CA and its user alice (CA first in her chain): what the proxy tests delegate from. */
record TestIssuer(CertificateAuthority ca, IssuedCredential alice) {

    /** With key pairs made beforehand, so that a test class can make all its keys at once. */
    static TestIssuer create(KeyPair caKey, KeyPair aliceKey, SecureRandom random) throws GeneralSecurityException {
        CertificateAuthority ca = CertificateAuthority.create(DevPki.caSubject(), caKey,
                CertificateAuthority.DEFAULT_CA_VALIDITY, random);
        return new TestIssuer(ca, ca.issue(DevPki.userSubject("alice"), CertificateAuthority.Usage.USER, List.of(),
                Duration.ofDays(30), aliceKey));
    }
}
