package io.gatehouse.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Key pairs of credentials: a new RSA key pair for a proxy, and whether a private key read from a file belongs to
 * a certificate (a user who gives the wrong {@code userkey.pem} must be told so, not get a proxy nobody accepts).
 * Only the JDK's providers are used.
 */
public final class KeyPairs {

    private KeyPairs() {
    }

    /** Generates an RSA key pair with the JDK provider. */
    public static KeyPair generateRsa(int bits, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }

    /**
     * Whether a private key belongs to a public key: for an RSA key in CRT form (as the JDK and Bouncy Castle
     * read and generate them) by comparing the modulus and public exponent it carries, otherwise by signing a
     * probe and verifying it.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey rsa) {
            return crt.getModulus().equals(rsa.getModulus()) && crt.getPublicExponent().equals(rsa.getPublicExponent());
        }
        try {
            String algorithm = CertificateSigning.signatureAlgorithm(privateKey);
            byte[] probe = "gatehouse key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
