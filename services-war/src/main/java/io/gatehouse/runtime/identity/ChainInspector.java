package io.gatehouse.runtime.identity;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a client chain (leaf first, as the servlet container hands it over) that the TLS layer has already
 * validated: which certificates are grid proxies, whose identity the chain carries, and the DIRAC group.
 */
public final class ChainInspector {

    /** RFC 3820 proxyCertInfo. */
    static final String PROXY_CERT_INFO = "1.3.6.1.5.5.7.1.14";
    /** The pre-RFC (GT3) proxyCertInfo. */
    static final String PROXY_CERT_INFO_DRAFT = "1.3.6.1.4.1.3536.1.222";
    /** RFC 3820 policy language of a limited proxy. */
    static final String LIMITED_POLICY = "1.3.6.1.4.1.3536.1.1.1.9";
    /** DIRAC's group extension, an IA5String. */
    static final String DIRAC_GROUP = "1.2.42.42";

    private ChainInspector() {
    }

    /** Inspects a non-empty chain, leaf first. */
    public static PresentedChain inspect(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        X509Certificate leaf = chain[0];
        boolean limited = false;
        int identityIndex = 0;
        while (identityIndex < chain.length - 1 && isProxy(chain[identityIndex])) {
            limited |= isLimited(chain[identityIndex]);
            identityIndex++;
        }
        Instant notAfter = Arrays.stream(chain, 0, identityIndex + 1)
                .map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        Optional<String> group = Optional.empty();
        for (int i = 0; i <= identityIndex && group.isEmpty(); i++) {
            group = diracGroup(chain[i]);
        }
        return new PresentedChain(OpenSslNames.oneLine(leaf.getSubjectX500Principal()),
                OpenSslNames.oneLine(leaf.getIssuerX500Principal()),
                OpenSslNames.oneLine(chain[identityIndex].getSubjectX500Principal()),
                identityIndex > 0, limited, notAfter, group);
    }

    /** An RFC 3820 or pre-RFC proxy by its extension, or a legacy proxy by its subject. */
    static boolean isProxy(X509Certificate cert) {
        return cert.getExtensionValue(PROXY_CERT_INFO) != null
                || cert.getExtensionValue(PROXY_CERT_INFO_DRAFT) != null
                || legacyProxyName(cert).isPresent();
    }

    private static boolean isLimited(X509Certificate cert) {
        Optional<String> legacy = legacyProxyName(cert);
        if (legacy.isPresent()) {
            return legacy.get().equals("limited proxy");
        }
        return proxyPolicyLanguage(cert).filter(LIMITED_POLICY::equals).isPresent();
    }

    /** A legacy (GT2) proxy's subject is its issuer's plus {@code CN=proxy} or {@code CN=limited proxy}. */
    private static Optional<String> legacyProxyName(X509Certificate cert) {
        RDN[] subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs();
        RDN[] issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()).getRDNs();
        if (subject.length != issuer.length + 1) {
            return Optional.empty();
        }
        RDN last = subject[subject.length - 1];
        if (last.isMultiValued() || !last.getFirst().getType().equals(BCStyle.CN)) {
            return Optional.empty();
        }
        String cn = IETFUtils.valueToString(last.getFirst().getValue());
        if (!cn.equals("proxy") && !cn.equals("limited proxy")) {
            return Optional.empty();
        }
        for (int i = 0; i < issuer.length; i++) {
            if (!subject[i].equals(issuer[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(cn);
    }

    private static Optional<String> proxyPolicyLanguage(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(PROXY_CERT_INFO);
        if (extension == null) {
            extension = cert.getExtensionValue(PROXY_CERT_INFO_DRAFT);
        }
        if (extension == null) {
            return Optional.empty();
        }
        // ProxyCertInfo ::= SEQUENCE { pCPathLenConstraint INTEGER OPTIONAL, proxyPolicy SEQUENCE { policyLanguage OID, ... } }
        ASN1Sequence info = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        for (var element : info) {
            if (element instanceof ASN1Sequence policy) {
                return Optional.of(ASN1ObjectIdentifier.getInstance(policy.getObjectAt(0)).getId());
            }
        }
        return Optional.empty();
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
