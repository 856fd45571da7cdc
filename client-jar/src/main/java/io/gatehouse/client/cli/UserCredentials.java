package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Optional;
import java.util.List;
import java.util.function.Supplier;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.KeyPairs;
import io.gatehouse.credentials.Pkcs12Stores;

/**
 * Reads a user's long-lived credential, the one proxies are made from: a PEM certificate (chain) and its key,
 * which may be encrypted (traditional OpenSSL "Proc-Type: 4,ENCRYPTED" or PKCS#8 "ENCRYPTED PRIVATE KEY"), or a
 * PKCS#12 file. Every failure is a {@link CliFailure} with exit code 3 and a message saying what to do.
 */
final class UserCredentials {

    /**
     * Decrypts keys: the JDK lacks some of the ciphers and paddings OpenSSL uses for encrypted keys (e.g.
     * AES/CBC/PKCS7Padding for PBES2), Bouncy Castle has them all. Used directly, never installed in the JVM.
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private UserCredentials() {
    }

    /**
     * The certificates of a PEM file (leaf first) and the key of another (or the same) file.
     *
     * @param password asked only when the key is encrypted
     */
    static IssuedCredential fromPem(Path certFile, Path keyFile, Supplier<char[]> password) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object object : readPem(certFile, "certificate")) {
            if (object instanceof X509CertificateHolder holder) {
                chain.add(certificate(holder, certFile));
            }
        }
        if (chain.isEmpty()) {
            throw CliFailure.credentials("there is no PEM certificate in " + certFile);
        }
        PrivateKey key = null;
        for (Object object : readPem(keyFile, "key")) {
            key = privateKey(object, keyFile, password);
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            throw CliFailure.credentials("there is no PEM private key in " + keyFile);
        }
        if (!KeyPairs.matches(key, chain.get(0).getPublicKey())) {
            throw CliFailure.credentials("the key in " + keyFile + " does not belong to the certificate in " + certFile
                    + " (" + OpenSslNames.oneLine(chain.get(0).getSubjectX500Principal()) + "): give the matching --key");
        }
        return new IssuedCredential(chain.get(0), key, chain);
    }

    /** The first key entry of a PKCS#12 file, with its chain. */
    static IssuedCredential fromPkcs12(Path file, char[] password) {
        KeyStore store;
        try {
            store = Pkcs12Stores.load(file, password);
        } catch (NoSuchFileException e) {
            throw CliFailure.credentials("there is no PKCS#12 file " + file);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw CliFailure.credentials("cannot open " + file + ": wrong password?");
            }
            throw CliFailure.credentials("cannot read the PKCS#12 file " + file + ": " + Failures.describe(e));
        } catch (GeneralSecurityException e) {
            throw CliFailure.credentials("cannot read the PKCS#12 file " + file + ": " + Failures.describe(e));
        }
        try {
            Optional<IssuedCredential> entry = Pkcs12Stores.firstKeyEntry(store, password);
            if (entry.isPresent()) {
                return entry.get();
            }
        } catch (UnrecoverableKeyException e) {
            throw CliFailure.credentials("cannot open the key in " + file + ": wrong password?");
        } catch (GeneralSecurityException e) {
            throw CliFailure.credentials("cannot read the key in " + file + ": " + Failures.describe(e));
        }
        throw CliFailure.credentials("there is no private key with a certificate in " + file);
    }

    /** How a PEM file holds a private key. */
    enum KeyForm {
        NONE, PLAIN, ENCRYPTED
    }

    /** Whether a PEM file has a private key, and whether it is encrypted; NONE when it cannot be read. */
    static KeyForm keyForm(Path keyFile) {
        try {
            for (Object object : parse(Files.readString(keyFile, StandardCharsets.ISO_8859_1))) {
                if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    return KeyForm.ENCRYPTED;
                }
                if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
                    return KeyForm.PLAIN;
                }
            }
        } catch (IOException | RuntimeException e) {
            return KeyForm.NONE;
        }
        return KeyForm.NONE;
    }

    private static List<Object> readPem(Path file, String what) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw CliFailure.credentials("there is no " + what + " file " + file);
        } catch (IOException e) {
            throw CliFailure.credentials("cannot read the " + what + " file " + file + ": " + Failures.describe(e));
        }
        try {
            return parse(text);
        } catch (IOException | RuntimeException e) {
            throw CliFailure.credentials(file + " is not a valid PEM file: " + Failures.describe(e));
        }
    }

    private static List<Object> parse(String text) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static X509Certificate certificate(X509CertificateHolder holder, Path file) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw CliFailure.credentials("invalid certificate in " + file + ": " + Failures.describe(e));
        }
    }

    private static PrivateKey privateKey(Object object, Path file, Supplier<char[]> password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw CliFailure.credentials("cannot read the key in " + file + ": " + Failures.describe(e));
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            char[] secret = password.get();
            try {
                InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(BOUNCY_CASTLE).build(secret);
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
        }
        if (object instanceof PEMEncryptedKeyPair encrypted) {
            char[] secret = password.get();
            try {
                return converter.getKeyPair(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(secret))).getPrivate();
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
        }
        return null;
    }

    private static CliFailure wrongPassword(Path file, Exception e) {
        return CliFailure.credentials("cannot decrypt the key in " + file + ": wrong password? ("
                + Failures.describe(e) + ")");
    }
}
