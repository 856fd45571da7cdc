package io.gatehouse.testpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * OpenSSL's {@code X509_NAME_hash} (what {@code openssl x509 -hash} and {@code c_rehash} print), which names
 * the files of a CA directory such as /etc/grid-security/certificates: OpenSSL finds an issuer there by
 * hashing the name it looks for and opening {@code <hash>.0}, {@code <hash>.1}, ... (and {@code <hash>.r0}
 * for CRLs), so a single differing bit makes the CA invisible.
 *
 * <p>The hash is SHA-1 over OpenSSL's canonical form of the name, of which the first four bytes are read as a
 * little-endian unsigned integer. The canonical form is the concatenation of the DER encodings of each RDN's
 * SET (no outer SEQUENCE), with every string value converted to a UTF8String, ASCII letters lower-cased,
 * leading and trailing white space removed and inner runs of white space collapsed to one space; values that
 * are not one of the directory string types are kept as they are.
 */
public final class OpenSslNameHash {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    private OpenSslNameHash() {
    }

    /** Hash of a certificate's subject, as 8 lower-case hex digits (the CA directory file stem). */
    public static String subjectHash(X509Certificate certificate) {
        return hash(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    /** Hash of a CRL's issuer, which OpenSSL uses to find the CRL ({@code <hash>.r0}). */
    public static String issuerHash(X509CRL crl) {
        return hash(X500Name.getInstance(crl.getIssuerX500Principal().getEncoded()));
    }

    /** Hash of a name, as 8 lower-case hex digits. */
    public static String hash(X500Name name) {
        return String.format("%08x", hashValue(name));
    }

    /** Hash of a name as the unsigned 32-bit value OpenSSL returns. */
    public static long hashValue(X500Name name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(canonicalEncoding(name));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
        }
        return (digest[0] & 0xffL)
                | (digest[1] & 0xffL) << 8
                | (digest[2] & 0xffL) << 16
                | (digest[3] & 0xffL) << 24;
    }

    /** OpenSSL's canonical encoding of a name: the input of the hash. Empty for an empty name. */
    public static byte[] canonicalEncoding(X500Name name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                ASN1EncodableVector set = new ASN1EncodableVector();
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    set.add(new AttributeTypeAndValue(atv.getType(), canonicalValue(atv.getValue())));
                }
                // DERSet sorts its members by encoding, as OpenSSL's DER SET OF encoder does, which matters
                // only for multi-valued RDNs.
                out.write(new DERSet(set).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode name " + name, e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        String text = directoryString(value);
        if (text == null) {
            return value;
        }
        return new DERUTF8String(canonicalText(text));
    }

    /** The value as Unicode text when OpenSSL canonicalises its type, null when OpenSSL copies it as it is. */
    private static String directoryString(ASN1Encodable value) {
        if (value instanceof ASN1UTF8String s) {
            return s.getString();
        }
        if (value instanceof ASN1PrintableString s) {
            return s.getString();
        }
        if (value instanceof ASN1IA5String s) {
            return s.getString();
        }
        if (value instanceof ASN1VisibleString s) {
            return s.getString();
        }
        if (value instanceof ASN1BMPString s) {
            return s.getString();
        }
        if (value instanceof ASN1T61String s) {
            // OpenSSL treats T61String as one byte per character (Latin-1).
            return new String(s.getOctets(), StandardCharsets.ISO_8859_1);
        }
        if (value instanceof ASN1UniversalString s) {
            // Bouncy Castle's getString() gives the "#hex" form here; the octets are UCS-4 big-endian.
            return new String(s.getOctets(), UTF_32BE);
        }
        return null;
    }

    /**
     * Applies OpenSSL's rules byte by byte on the UTF-8 form: only ASCII white space (space, \t, \n, \v,
     * \f, \r) counts as white space and only ASCII letters are lower-cased; other characters stay as they are.
     */
    static String canonicalText(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = in.length;
        while (start < end && isSpace(in[start])) {
            start++;
        }
        while (end > start && isSpace(in[end - 1])) {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int i = start;
        while (i < end) {
            byte b = in[i];
            if (isSpace(b)) {
                out.write(' ');
                while (i < end && isSpace(in[i])) {
                    i++;
                }
            } else {
                out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }
}
