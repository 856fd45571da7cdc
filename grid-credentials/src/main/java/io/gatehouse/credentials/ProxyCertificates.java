package io.gatehouse.credentials;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The identifiers of grid proxy certificates and a few read-only helpers to inspect one. See
 * {@link ProxyIssuer} to make proxies and {@link GridProxyFiles} to store them.
 */
public final class ProxyCertificates {

    /** RFC 3820 proxyCertInfo extension, always critical. */
    public static final ASN1ObjectIdentifier PROXY_CERT_INFO = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.14");
    /** RFC 3820 policy language id-ppl-inheritAll: the proxy has all the rights of its issuer. */
    public static final ASN1ObjectIdentifier INHERIT_ALL = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.21.1");
    /** RFC 3820 policy language id-ppl-independent: the proxy has no rights of its issuer. */
    public static final ASN1ObjectIdentifier INDEPENDENT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.21.2");
    /** Globus' limited proxy policy language: a limited proxy may not, e.g., submit jobs. */
    public static final ASN1ObjectIdentifier LIMITED = new ASN1ObjectIdentifier("1.3.6.1.4.1.3536.1.1.1.9");
    /** DIRAC's group extension, non-critical; its value is a DER IA5String holding the group name. */
    public static final ASN1ObjectIdentifier DIRAC_GROUP = new ASN1ObjectIdentifier("1.2.42.42");

    /**
     * The key usage every proxy made here carries, critical: digitalSignature (its key signs the TLS handshake and
     * the next proxy) and keyEncipherment; never keyCertSign (RFC 3820 section 3.8). Bouncy Castle's KeyUsage bits.
     */
    public static final int KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;

    /** Last CN of a legacy (Globus GT2) full proxy. */
    public static final String LEGACY_CN = "proxy";
    /** Last CN of a legacy (Globus GT2) limited proxy. */
    public static final String LEGACY_LIMITED_CN = "limited proxy";

    private ProxyCertificates() {
    }

    /** The decoded proxyCertInfo extension, empty when the certificate has none (not an RFC 3820 proxy). */
    public static Optional<ProxyCertInfo> proxyCertInfo(X509Certificate certificate) {
        return extensionValue(certificate, PROXY_CERT_INFO).map(ProxyCertInfo::getInstance);
    }

    /** The DIRAC group carried by the certificate's 1.2.42.42 extension, if it has one. */
    public static Optional<String> diracGroup(X509Certificate certificate) {
        return extensionValue(certificate, DIRAC_GROUP).map(value -> ASN1IA5String.getInstance(value).getString());
    }

    /** Whether the certificate carries the RFC 3820 proxyCertInfo extension. */
    public static boolean isRfc3820Proxy(X509Certificate certificate) {
        return certificate.getExtensionValue(PROXY_CERT_INFO.getId()) != null;
    }

    /**
     * Whether the certificate has the shape of a legacy (Globus GT2) proxy: no proxyCertInfo, and a subject
     * that is its issuer's name plus one CN "proxy" or "limited proxy".
     */
    public static boolean isLegacyProxy(X509Certificate certificate) {
        if (isRfc3820Proxy(certificate)) {
            return false;
        }
        String last = lastCn(certificate);
        return (LEGACY_CN.equals(last) || LEGACY_LIMITED_CN.equals(last)) && subjectExtendsIssuer(certificate);
    }

    /** Whether the certificate is a limited proxy: RFC 3820 limited policy, or legacy CN=limited proxy. */
    public static boolean isLimitedProxy(X509Certificate certificate) {
        Optional<ProxyCertInfo> info = proxyCertInfo(certificate);
        if (info.isPresent()) {
            return LIMITED.equals(info.get().policyLanguage());
        }
        return isLegacyProxy(certificate) && LEGACY_LIMITED_CN.equals(lastCn(certificate));
    }

    /**
     * Whether the subject is the issuer's name plus exactly one more RDN, a single-valued CN (the RFC 3820
     * naming rule, which legacy proxies follow as well). Names are compared as Bouncy Castle does (ignoring
     * case and the string types of the values).
     */
    public static boolean subjectExtendsIssuer(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        RDN[] subjectRdns = subject.getRDNs();
        RDN[] issuerRdns = issuer.getRDNs();
        if (subjectRdns.length != issuerRdns.length + 1) {
            return false;
        }
        RDN last = subjectRdns[subjectRdns.length - 1];
        if (last.isMultiValued() || !BCStyle.CN.equals(last.getFirst().getType())) {
            return false;
        }
        RDN[] prefix = new RDN[issuerRdns.length];
        System.arraycopy(subjectRdns, 0, prefix, 0, prefix.length);
        return new X500Name(prefix).equals(issuer);
    }

    /** The value of the subject's last RDN if that is a single CN, else null. */
    public static String lastCn(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs();
        if (rdns.length == 0 || rdns[rdns.length - 1].isMultiValued()
                || !BCStyle.CN.equals(rdns[rdns.length - 1].getFirst().getType())) {
            return null;
        }
        ASN1Encodable value = rdns[rdns.length - 1].getFirst().getValue();
        return value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value);
    }

    /** The DER value inside an extension's OCTET STRING, parsed. */
    private static Optional<ASN1Primitive> extensionValue(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        byte[] wrapped = certificate.getExtensionValue(oid.getId());
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets()));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed extension " + oid + " in "
                    + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }
}
