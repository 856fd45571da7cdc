package io.gatehouse.credentials;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs what Bouncy Castle's builders lay out (certificates, CRLs) with the JDK's providers, in the algorithm that
 * fits the key, so that nothing has to be registered in {@code java.security}.
 */
public final class CertificateSigning {

    private CertificateSigning() {
    }

    /** Signs a certificate with {@code key} (see {@link #signatureAlgorithm}). */
    public static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, SecureRandom random)
            throws GeneralSecurityException {
        try {
            return PemFiles.toCertificate(builder.build(contentSigner(key, random)), "builder");
        } catch (IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    /** A signer for Bouncy Castle's builders (e.g. of a CRL) with the algorithm that fits the key. */
    public static ContentSigner contentSigner(PrivateKey key, SecureRandom random) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm(key)).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create a signer for a " + key.getAlgorithm() + " key", e);
        }
    }

    /** SHA256withRSA for RSA keys (the ones made here); an EC key, e.g. of an existing credential, is still usable. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            default -> "SHA256withRSA";
        };
    }
}
