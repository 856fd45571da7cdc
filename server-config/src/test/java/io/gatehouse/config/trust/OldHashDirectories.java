package io.gatehouse.config.trust;

import eu.emi.security.authn.x509.helpers.trust.OpensslTruststoreHelper;

import io.gatehouse.credentials.PemFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** Test support: a CA directory as an installation from before OpenSSL 1.0 has it, old hash names only. */
public final class OldHashDirectories {

    private OldHashDirectories() {
    }

    /**
     * Copies {@code certificates} (one CA) to {@code target}, every {@code <hash>.<suffix>} file renamed to the CA's
     * old hash: the certificate, its CRL and its policy files.
     */
    public static Path copyWithOldNames(Path certificates, Path target) throws IOException {
        Files.createDirectories(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(certificates, "*.0")) {
            for (Path caFile : files) {
                X509Certificate ca = PemFiles.readCertificate(caFile);
                String newHash = OpensslTruststoreHelper.getOpenSSLCAHash(ca.getSubjectX500Principal(), true);
                String oldHash = OpensslTruststoreHelper.getOpenSSLCAHash(ca.getSubjectX500Principal(), false);
                try (DirectoryStream<Path> named = Files.newDirectoryStream(certificates, newHash + ".*")) {
                    for (Path file : named) {
                        String suffix = file.getFileName().toString().substring(newHash.length());
                        Files.copy(file, target.resolve(oldHash + suffix));
                    }
                }
            }
        }
        return target;
    }
}
