package io.gatehouse.runtime.identity;

import io.gatehouse.api.wire.OpenSslNames;

import eu.emi.security.authn.x509.proxy.ProxyChainInfo;
import eu.emi.security.authn.x509.proxy.ProxyUtils;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a client chain (leaf first, as the servlet container hands it over) that the TLS layer has already
 * validated: which certificates are grid proxies (RFC 3820, pre-RFC and legacy, as canl recognises them), whose
 * identity the chain carries, whether a step is limited, and the DIRAC group.
 */
public final class ChainInspector {

    /** DIRAC's group extension, an IA5String. */
    static final String DIRAC_GROUP = "1.2.42.42";

    private ChainInspector() {
    }

    /** Inspects a non-empty chain, leaf first. */
    public static PresentedChain inspect(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        int identity = 0;
        while (identity < chain.length - 1 && ProxyUtils.isProxy(chain[identity])) {
            identity++;
        }
        X509Certificate[] held = Arrays.copyOf(chain, identity + 1);
        Instant notAfter = Arrays.stream(held).map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo)
                .orElseThrow();
        Optional<String> group = Optional.empty();
        for (int i = 0; i < held.length && group.isEmpty(); i++) {
            group = diracGroup(held[i]);
        }
        X509Certificate leaf = chain[0];
        return new PresentedChain(OpenSslNames.oneLine(leaf.getSubjectX500Principal()),
                OpenSslNames.oneLine(leaf.getIssuerX500Principal()),
                OpenSslNames.oneLine(chain[identity].getSubjectX500Principal()),
                identity > 0, identity > 0 && isLimited(held), notAfter, group);
    }

    private static boolean isLimited(X509Certificate[] proxyChain) {
        try {
            return new ProxyChainInfo(proxyChain).isLimited();
        } catch (CertificateException | IOException e) {
            throw new IllegalArgumentException("unreadable proxy chain: " + e.getMessage(), e);
        }
    }

    private static Optional<String> diracGroup(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(DIRAC_GROUP);
        if (extension == null) {
            return Optional.empty();
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            return Optional.of(ASN1IA5String.getInstance(value).getString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed DIRAC group extension: " + e.getMessage(), e);
        }
    }
}
