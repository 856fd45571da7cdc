package io.gatehouse.api.wire;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Distinguished names in OpenSSL's one-line form ({@code openssl x509 -subject -nameopt compat}), the form
 * DIRAC's registry stores and compares as plain strings: {@code /C=ch/O=DIRAC/OU=Users/CN=alice}, RDNs in
 * encoding order, multi-valued RDNs joined with {@code +}, a {@code /} or {@code +} inside a value escaped with a
 * backslash, bytes outside printable ASCII as {@code \xHH} (as OpenSSL 3 prints them).
 */
public final class OpenSslNames {

    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"),
            Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.9", "street"),
            Map.entry("2.5.4.10", "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.41", "name"),
            Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("2.5.4.65", "pseudonym"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"));

    private OpenSslNames() {
    }

    /** The one-line form of a certificate's subject or issuer. */
    public static String oneLine(X500Principal principal) {
        return oneLine(X500Name.getInstance(principal.getEncoded()));
    }

    /** The one-line form of a name. */
    public static String oneLine(X500Name name) {
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            out.append('/');
            AttributeTypeAndValue[] values = rdn.getTypesAndValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('+');
                }
                appendAttribute(out, values[i].getType(), values[i].getValue());
            }
        }
        return out.toString();
    }

    private static void appendAttribute(StringBuilder out, ASN1ObjectIdentifier type, ASN1Encodable value) {
        out.append(SHORT_NAMES.getOrDefault(type.getId(), type.getId())).append('=');
        String text = value instanceof ASN1String s ? s.getString() : value.toString();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\x%02X", c));
            } else if (c == '/' || c == '+') {
                out.append('\\').append((char) c); // the separators of the one-line form itself
            } else {
                out.append((char) c);
            }
        }
    }
}
