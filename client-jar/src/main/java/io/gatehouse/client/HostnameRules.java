package io.gatehouse.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Whether a server certificate is for the host the client asked for, by the rules of HTTPS (RFC 2818, RFC 6125),
 * as Python's {@code check_hostname} and browsers apply them:
 * <ul>
 *   <li>an IP address must be one of the certificate's subjectAltName iPAddress entries;</li>
 *   <li>a host name must match one of its subjectAltName dNSName entries, case-insensitively; a wildcard may only
 *       be the whole leftmost label ({@code *.example.org}), stands for exactly one label, and needs at least two
 *       labels after it;</li>
 *   <li>only a certificate without any dNSName falls back to its most specific CN (old grid host certificates).</li>
 * </ul>
 */
final class HostnameRules {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostnameRules() {
    }

    /** Why the certificate is not for this host, or empty when it is. */
    static Optional<String> mismatch(String requestedHost, X509Certificate certificate) {
        if (requestedHost == null || requestedHost.isBlank()) {
            return Optional.of("there is no host name to check the server certificate against");
        }
        String host = normalize(requestedHost);
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == DNS_NAME && name.get(1) instanceof String dns) {
                        dnsNames.add(dns);
                    } else if (type == IP_ADDRESS && name.get(1) instanceof String address) {
                        addresses.add(address);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.of("its subjectAltName cannot be read: " + e.getMessage());
        }
        if (isIpLiteral(host)) {
            InetAddress wanted = literal(host);
            for (String address : addresses) {
                if (wanted != null && wanted.equals(literal(address))) {
                    return Optional.empty();
                }
            }
            return Optional.of("it is for " + describe(dnsNames, addresses) + ", not for the address " + host);
        }
        List<String> candidates = dnsNames;
        if (dnsNames.isEmpty()) {
            candidates = mostSpecificCn(certificate).map(List::of).orElse(List.of());
        }
        for (String candidate : candidates) {
            if (matches(candidate, host)) {
                return Optional.empty();
            }
        }
        return Optional.of("it is for " + (dnsNames.isEmpty() && !candidates.isEmpty()
                ? "CN=" + candidates.get(0) : describe(dnsNames, addresses)) + ", not for " + host);
    }

    /** Whether a certificate's name (possibly a wildcard) matches a normalized host name. */
    static boolean matches(String pattern, String host) {
        String name = normalize(pattern);
        if (name.isEmpty()) {
            return false;
        }
        if (!name.startsWith("*.")) {
            return name.indexOf('*') < 0 && name.equals(host);
        }
        String suffix = name.substring(2);
        // "*.org" would cover a whole top-level domain: at least two labels after the wildcard.
        if (suffix.indexOf('*') >= 0 || suffix.indexOf('.') < 0 || suffix.startsWith(".") || suffix.endsWith(".")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(suffix);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    private static String normalize(String name) {
        String result = name.trim();
        if (result.startsWith("[") && result.endsWith("]")) {
            result = result.substring(1, result.length() - 1);
        }
        while (result.endsWith(".")) {
            result = result.substring(0, result.length() - 1);
        }
        return result.toLowerCase(Locale.ROOT);
    }

    /** An IP literal as an address; never a DNS lookup (callers pass literals only). */
    private static InetAddress literal(String address) {
        if (!isIpLiteral(address)) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static Optional<String> mostSpecificCn(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable value = cns[cns.length - 1].getFirst().getValue();
        return Optional.of(value instanceof ASN1String text ? text.getString() : value.toString());
    }

    private static String describe(List<String> dnsNames, List<String> addresses) {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(n -> all.add("DNS:" + n));
        addresses.forEach(a -> all.add("IP:" + a));
        return all.isEmpty() ? "no host name (no subjectAltName)" : String.join(", ", all);
    }
}
