package io.gatehouse.credentials;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs what Bouncy Castle's builders lay out (certificates, CRLs) with the JDK's providers, in the algorithm that
 * fits the key, so that nothing has to be registered in {@code java.security}; and names the signer in what it
 * signs (the authority key identifier).
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

    /**
     * The authorityKeyIdentifier of a certificate {@code issuer} signs: the issuer's own subjectKeyIdentifier when it
     * has one, so that path builders matching the two find it however its SKI was computed, else the SHA-1 of its
     * public key (RFC 5280 method 1).
     */
    public static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer)
            throws GeneralSecurityException {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            return new AuthorityKeyIdentifier(
                    SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier());
        }
        return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
    }

    /** SHA256withRSA for RSA keys (the ones made here); an EC key, e.g. of an existing credential, is still usable. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            default -> "SHA256withRSA";
        };
    }
}
