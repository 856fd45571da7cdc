package io.gatehouse.credentials;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM encoding and decoding of certificates, private keys and CRLs, all through Bouncy Castle's PEM classes.
 * Keys are written as unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), which OpenSSL, curl, Python and the JDK-based
 * tools all read; for reading, the older OpenSSL "BEGIN RSA PRIVATE KEY" form is accepted too, because an
 * existing CA made with the openssl command line may be in that form.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** PEM text of one or more certificates, in the given order (leaf first for a chain). */
    public static String toPem(X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return text.toString();
    }

    /** PEM text of a private key as unencrypted PKCS#8. */
    public static String toPem(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // JcaPKCS8Generator without an encryptor produces the "PRIVATE KEY" (PKCS#8) object, not the
            // algorithm-specific "RSA PRIVATE KEY" that writeObject(key) would produce.
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    /** PEM text of a CRL ("BEGIN X509 CRL"). */
    public static String toPem(X509CRL crl) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(crl);
        }
        return text.toString();
    }

    /** Writes certificates (e.g. a chain, leaf first) as PEM, world-readable. */
    public static void writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        AtomicFiles.write(file, toPem(certificates).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Writes a private key as unencrypted PKCS#8 PEM, mode 0600 on POSIX file systems. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        AtomicFiles.write(file, toPem(key).getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Writes a CRL as PEM, world-readable. */
    public static void writeCrl(Path file, X509CRL crl) throws IOException {
        AtomicFiles.write(file, toPem(crl).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Reads every certificate in a PEM file, in file order; other PEM objects are skipped. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(holder, file));
            }
        }
        return certificates;
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        List<X509Certificate> certificates = readCertificates(file);
        if (certificates.isEmpty()) {
            throw new IOException("no PEM certificate in " + file);
        }
        return certificates.get(0);
    }

    /** Reads the first unencrypted private key (PKCS#8 or traditional OpenSSL form) of a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        for (Object object : readObjects(file)) {
            PrivateKey key = toPrivateKey(object, file);
            if (key != null) {
                return key;
            }
        }
        throw new IOException("no PEM private key in " + file);
    }

    /**
     * The private key a PEMParser object stands for (PKCS#8 or traditional OpenSSL form), null if the object is
     * not a private key.
     *
     * @throws IOException for an encrypted key
     */
    static PrivateKey toPrivateKey(Object object, Object source) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new IOException("encrypted private keys are not supported: " + source);
        }
        return null;
    }

    /** Reads the first CRL of a PEM file. */
    public static X509CRL readCrl(Path file) throws IOException {
        for (Object object : readObjects(file)) {
            if (object instanceof X509CRLHolder holder) {
                try {
                    return new JcaX509CRLConverter().getCRL(holder);
                } catch (CRLException e) {
                    throw new IOException("invalid CRL in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IOException("no PEM CRL in " + file);
    }

    /** Every object of a PEM file, as Bouncy Castle's PEMParser returns them, in file order. */
    static List<Object> readObjects(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        return readObjects(new StringReader(text));
    }

    private static List<Object> readObjects(Reader reader) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        }
        return objects;
    }

    static X509Certificate toCertificate(X509CertificateHolder holder, Object source) throws IOException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException("invalid certificate in " + source + ": " + e.getMessage(), e);
        }
    }
}
