package io.gatehouse.credentials;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate, its private key and the chain to present with it (the certificate first, then the issuing
 * CA), ready to be written as PEM files or a PKCS#12 key store.
 */
public record IssuedCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCredential {
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate itself");
        }
    }
}
