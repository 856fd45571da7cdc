package io.gatehouse.client.cli;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names in the form DIRAC shows and compares them, OpenSSL's one-line form:
 * {@code /C=ch/O=DIRAC/OU=Users/CN=alice}. RDNs in encoding order (most significant first), values of a
 * multi-valued RDN joined with {@code +}, a {@code /} or {@code +} inside a value escaped with a backslash, bytes
 * outside printable ASCII as {@code \xHH}; attribute types by OpenSSL's short names, unknown ones as dotted OIDs.
 */
public final class OpenSslDn {

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
            Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"));

    private OpenSslDn() {
    }

    /** The one-line form of a subject or issuer name. */
    public static String of(X500Principal principal) {
        return of(X500Name.getInstance(principal.getEncoded()));
    }

    /** The one-line form of a Bouncy Castle name. */
    public static String of(X500Name name) {
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            out.append('/');
            AttributeTypeAndValue[] values = rdn.getTypesAndValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('+');
                }
                append(out, values[i]);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, AttributeTypeAndValue attribute) {
        String type = attribute.getType().getId();
        out.append(SHORT_NAMES.getOrDefault(type, type)).append('=');
        ASN1Encodable value = attribute.getValue();
        String text = value instanceof ASN1String string ? string.getString() : value.toString();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\x%02X", c));
            } else if (c == '/' || c == '+') {
                out.append('\\').append((char) c);
            } else {
                out.append((char) c);
            }
        }
    }
}
