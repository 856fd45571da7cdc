package io.gatehouse.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys on their own: made, written, read back, and matched to the public key they belong to. */
class KeyPairsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void anRsaKeyMatchesItsOwnPublicKeyOnly() throws Exception {
        KeyPair rsa = KeyPairs.generateRsa(2048, RANDOM);
        KeyPair otherRsa = KeyPairs.generateRsa(2048, RANDOM);
        assertEquals(2048, ((RSAPublicKey) rsa.getPublic()).getModulus().bitLength());
        assertTrue(rsa.getPrivate() instanceof RSAPrivateCrtKey);
        assertTrue(KeyPairs.matches(rsa.getPrivate(), rsa.getPublic()));
        assertFalse(KeyPairs.matches(rsa.getPrivate(), otherRsa.getPublic()));
    }

    @Test
    void aKeyWithoutCrtParametersIsCheckedBySigning() throws Exception {
        KeyPair rsa = KeyPairs.generateRsa(2048, RANDOM);
        RSAPrivateKey crt = (RSAPrivateKey) rsa.getPrivate();
        PrivateKey plain = KeyFactory.getInstance("RSA").generatePrivate(
                new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        assertFalse(plain instanceof RSAPrivateCrtKey);
        assertTrue(KeyPairs.matches(plain, rsa.getPublic()));
        assertFalse(KeyPairs.matches(plain, KeyPairs.generateRsa(2048, RANDOM).getPublic()));
    }

    @Test
    void anEcKeyIsCheckedBySigning() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        KeyPair ec = generator.generateKeyPair();
        assertTrue(KeyPairs.matches(ec.getPrivate(), ec.getPublic()));
        assertFalse(KeyPairs.matches(ec.getPrivate(), generator.generateKeyPair().getPublic()));
        assertFalse(KeyPairs.matches(ec.getPrivate(), KeyPairs.generateRsa(2048, RANDOM).getPublic()),
                "another algorithm");
    }

    @Test
    void aPrivateKeyIsWrittenAsPkcs8ForItsOwnerAlone(@TempDir Path dir) throws Exception {
        KeyPair rsa = KeyPairs.generateRsa(2048, RANDOM);
        Path file = dir.resolve("userkey.pem");
        PemFiles.writePrivateKey(file, rsa.getPrivate());
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
        if (AtomicFiles.isPosix(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertTrue(KeyPairs.matches(PemFiles.readPrivateKey(file), rsa.getPublic()));
    }
}
