package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.helpers.trust.OpensslTruststoreHelper;
import eu.emi.security.authn.x509.impl.CertificateUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Which of OpenSSL's two subject-hash namings a CA directory uses: {@code <hash>.0} files named by the hash of
 * OpenSSL 1.0 and later (the usual one), or by the MD5-based hash of older OpenSSL, which old installations still
 * carry alone. IGTF distributions and {@code fetch-crl} write both names; canl reads one naming at a time, so the
 * directory is looked at once, when the trust manager starts, and read the way most of its CAs are named (the
 * new naming when it is a tie). A CA present only under the other naming is named in the log.
 */
final class HashNaming {

    private static final Logger LOG = Logger.getLogger(HashNaming.class.getName());
    private static final Pattern CA_FILE = Pattern.compile("[0-9a-f]{8}\\.[0-9]+");

    private HashNaming() {
    }

    /** True when the directory is to be read by OpenSSL 1.0's hash names, false for the older ones. */
    static boolean usesNewHashes(Path directory) {
        int newNames = 0;
        int oldNames = 0;
        StringBuilder oldOnly = new StringBuilder();
        StringBuilder newOnly = new StringBuilder();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!CA_FILE.matcher(name).matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                X509Certificate ca = read(file);
                if (ca == null) {
                    continue;
                }
                String hash = name.substring(0, name.indexOf('.'));
                String suffix = name.substring(hash.length());
                String newHash = OpensslTruststoreHelper.getOpenSSLCAHash(ca.getSubjectX500Principal(), true);
                String oldHash = OpensslTruststoreHelper.getOpenSSLCAHash(ca.getSubjectX500Principal(), false);
                if (hash.equals(newHash)) {
                    newNames++;
                    if (!Files.exists(directory.resolve(oldHash + suffix))) {
                        newOnly.append(' ').append(name);
                    }
                } else if (hash.equals(oldHash)) {
                    oldNames++;
                    if (!Files.exists(directory.resolve(newHash + suffix))) {
                        oldOnly.append(' ').append(name);
                    }
                }
            }
        } catch (IOException e) {
            return true; // canl reports an unreadable directory itself
        }
        boolean useNew = newNames >= oldNames;
        StringBuilder left = useNew ? oldOnly : newOnly;
        if (left.length() > 0) {
            LOG.warning(() -> "CA directory " + directory + " is read by its " + (useNew ? "OpenSSL 1.0" : "old OpenSSL")
                    + " hash names; these CAs are named the other way only and are not trusted:" + left);
        }
        return useNew;
    }

    private static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateUtils.loadCertificate(in, CertificateUtils.Encoding.PEM);
        } catch (IOException | RuntimeException e) {
            return null; // not a certificate: canl skips it too
        }
    }
}
