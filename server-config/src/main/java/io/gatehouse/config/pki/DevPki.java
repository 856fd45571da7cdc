package io.gatehouse.config.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Generates the development and test PKI of Gatehouse: a CA with its CRL and OpenSSL-style CA directory, a
 * trust store, a host credential for localhost, user credentials, and an unrelated "rogue" CA with a user whose
 * certificate must be refused.
 *
 * <pre>DevPki &lt;outdir&gt; [--user NAME]... [--force]</pre>
 *
 * <p>Only what is missing (or no longer matches the CA) is created: an existing CA in {@code ca/} is reused, so
 * re-running is quick and keeps every file that is still valid, and certificates already installed elsewhere
 * stay trusted. {@code --force} regenerates everything, including the CAs. One line is printed per file
 * created; on error a message goes to standard error and the exit status is non-zero.
 *
 * <p>Also usable as a library: {@link #generate(Path, List, boolean)}.
 */
public final class DevPki {

    /** Password of every key store and key entry written. */
    public static final String PASSWORD = "changeit";
    /** Alias of the CA's trusted certificate entry in the trust store. */
    public static final String TRUSTSTORE_ALIAS = "gatehouse-dev-ca";
    /** Alias of the host key entry: the one Payara/GlassFish uses for its HTTPS listener by default. */
    public static final String HOST_ALIAS = "s1as";
    /** Alias of the rogue user's key entry. */
    public static final String ROGUE_ALIAS = "rogue";
    /** The user made when the command line names none. */
    public static final String DEFAULT_USER = "devuser";
    /** Names in the host certificate's subjectAltName: everything a test may use to reach this machine. */
    public static final List<String> HOST_NAMES = List.of("localhost", "127.0.0.1", "::1");
    public static final Duration HOST_VALIDITY = Duration.ofDays(2 * 365);
    public static final Duration USER_VALIDITY = Duration.ofDays(365);

    // The layout, relative to the output directory.
    public static final String CA_CERT = "ca/ca.pem";
    public static final String CA_KEY = "ca/ca-key.pem";
    public static final String CA_CRL = "ca/ca.crl.pem";
    public static final String CERTIFICATES_DIR = "certificates";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String HOST_CERT = "host/hostcert.pem";
    public static final String HOST_KEY = "host/hostkey.pem";
    public static final String HOST_P12 = "host/host.p12";
    public static final String USERS_DIR = "users";
    public static final String USER_CERT = "usercert.pem";
    public static final String USER_KEY = "userkey.pem";
    public static final String USER_P12 = "user.p12";
    public static final String ROGUE_CA_CERT = "untrusted/ca.pem";
    public static final String ROGUE_CA_KEY = "untrusted/ca-key.pem";
    public static final String ROGUE_CERT = "untrusted/" + USER_CERT;
    public static final String ROGUE_KEY = "untrusted/" + USER_KEY;
    public static final String ROGUE_P12 = "untrusted/" + USER_P12;
    public static final String README = "README.txt";

    /**
     * A user name becomes a directory, a CN and a key store alias: keep it to characters that are safe in
     * all three (and at most 64, the X.520 limit of a CN).
     */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Files are kept only if they stay valid at least this long, so a run never hands out a certificate or
     * CRL that expires during the tests that follow it.
     */
    private static final Duration MINIMUM_REMAINING = Duration.ofDays(1);

    private static final String USAGE = "usage: DevPki <outdir> [--user NAME]... [--force]";

    private final Path outDir;
    private final boolean force;
    private final SecureRandom random = new SecureRandom();
    private final List<Path> created = new ArrayList<>();

    private DevPki(Path outDir, boolean force) {
        this.outDir = outDir;
        this.force = force;
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The command line without {@code System.exit}: prints the created files to {@code out} and errors to
     * {@code err}.
     *
     * @return 0 on success, 1 when generation failed, 2 for a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        Set<String> users = new LinkedHashSet<>();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--force")) {
                force = true;
            } else if (arg.equals("--user")) {
                if (i + 1 == args.length) {
                    err.println("DevPki: --user needs a NAME");
                    err.println(USAGE);
                    return 2;
                }
                users.add(args[++i]);
            } else if (arg.startsWith("--user=")) {
                users.add(arg.substring("--user=".length()));
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("-")) {
                err.println("DevPki: unknown option " + arg);
                err.println(USAGE);
                return 2;
            } else if (dir == null) {
                dir = Paths.get(arg);
            } else {
                err.println("DevPki: only one output directory may be given, got " + dir + " and " + arg);
                err.println(USAGE);
                return 2;
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        if (users.isEmpty()) {
            users.add(DEFAULT_USER);
        }
        for (String user : users) {
            if (!USER_NAME.matcher(user).matches()) {
                err.println("DevPki: " + invalidUserName(user));
                err.println(USAGE);
                return 2;
            }
        }
        try {
            List<Path> files = generate(dir, new ArrayList<>(users), force);
            for (Path file : files) {
                out.println("created " + file);
            }
            if (files.isEmpty()) {
                err.println("DevPki: " + dir + " is up to date");
            }
            return 0;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            err.println("DevPki: cannot generate the PKI in " + dir + ": " + describe(e));
            return 1;
        }
    }

    /**
     * Generates into {@code outDir} whatever is missing, with a credential for each of {@code users} (none
     * for an empty list).
     *
     * @param force regenerate everything, CAs included
     * @return the files created or replaced, as {@code outDir.resolve(relative path)}, in creation order; empty
     *         when everything was already there
     * @throws IllegalArgumentException for a user name that cannot be used as a CN, alias and directory name
     */
    public static List<Path> generate(Path outDir, List<String> users, boolean force)
            throws IOException, GeneralSecurityException {
        for (String user : users) {
            checkUserName(user);
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new NotDirectoryException(outDir.toString());
        }
        DevPki generator = new DevPki(outDir, force);
        generator.generateAll(new ArrayList<>(new LinkedHashSet<>(users)));
        return Collections.unmodifiableList(generator.created);
    }

    /** The directory of a user's files: {@code <outDir>/users/<name>}. */
    public static Path userDir(Path outDir, String name) {
        return outDir.resolve(USERS_DIR).resolve(checkUserName(name));
    }

    /** {@code /C=ch/O=Gatehouse/CN=Gatehouse Development CA}. */
    public static X500Name caSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.CN, "Gatehouse Development CA")
                .build();
    }

    /** {@code /C=ch/O=Gatehouse/OU=Hosts/CN=<host>}. */
    public static X500Name hostSubject(String host) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.OU, "Hosts")
                .addRDN(BCStyle.CN, host)
                .build();
    }

    /** {@code /C=ch/O=Gatehouse/OU=Users/CN=<name>}. */
    public static X500Name userSubject(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Gatehouse").addRDN(BCStyle.OU, "Users")
                .addRDN(BCStyle.CN, name)
                .build();
    }

    /** {@code /C=ch/O=Rogue/CN=Rogue CA}. */
    public static X500Name rogueCaSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Rogue").addRDN(BCStyle.CN, "Rogue CA")
                .build();
    }

    /** {@code /C=ch/O=Rogue/OU=Users/CN=rogue}. */
    public static X500Name rogueUserSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.O, "Rogue").addRDN(BCStyle.OU, "Users")
                .addRDN(BCStyle.CN, "rogue")
                .build();
    }

    private static String checkUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(invalidUserName(name));
        }
        return name;
    }

    private static String invalidUserName(String name) {
        return "invalid user name '" + name
                + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    }

    private void generateAll(List<String> users) throws IOException, GeneralSecurityException {
        Files.createDirectories(outDir);

        // First decide what can be reused, so that the keys for everything else are generated in parallel.
        CertificateAuthority ca = reuseCa(CA_CERT, CA_KEY);
        CertificateAuthority rogue = reuseCa(ROGUE_CA_CERT, ROGUE_CA_KEY);
        List<Credential> credentials = new ArrayList<>();
        credentials.add(new Credential(false, CertificateAuthority.Usage.HOST, hostSubject("localhost"), HOST_NAMES,
                HOST_VALIDITY, HOST_CERT, HOST_KEY, HOST_P12, HOST_ALIAS));
        for (String user : users) {
            String dir = USERS_DIR + "/" + user + "/";
            credentials.add(new Credential(false, CertificateAuthority.Usage.USER, userSubject(user), List.of(),
                    USER_VALIDITY, dir + USER_CERT, dir + USER_KEY, dir + USER_P12, user));
        }
        Credential rogueUser = new Credential(true, CertificateAuthority.Usage.USER, rogueUserSubject(), List.of(),
                USER_VALIDITY, ROGUE_CERT, ROGUE_KEY, ROGUE_P12, ROGUE_ALIAS);
        credentials.add(rogueUser);
        int keysNeeded = (ca == null ? 1 : 0) + (rogue == null ? 1 : 0);
        for (Credential credential : credentials) {
            CertificateAuthority issuer = credential.rogue ? rogue : ca;
            credential.existing = issuer == null ? null
                    : reusableCredential(file(credential.cert), file(credential.key), issuer, credential.subject);
            if (credential.existing == null) {
                keysNeeded++;
            }
        }

        try (KeyPairPool keys = new KeyPairPool(keysNeeded, CertificateAuthority.DEFAULT_KEY_BITS, random)) {
            boolean caNew = ca == null;
            if (caNew) {
                ca = newCa(caSubject(), CA_CERT, CA_KEY, keys);
            }

            X509CRL crl = caNew ? null : reusableCrl(file(CA_CRL), ca);
            if (crl == null) {
                crl = ca.issueCrl(List.of());
                PemFiles.writeCrl(file(CA_CRL), crl);
                created.add(file(CA_CRL));
            }

            Path certificates = file(CERTIFICATES_DIR);
            if (caNew) {
                // A regenerated CA keeps its subject, so its hash: drop the old CA's files instead of adding
                // the new ones next to them as if it were a hash collision.
                CaDirectory.removeHash(certificates, OpenSslNameHash.subjectHash(ca.certificate()));
            }
            created.addAll(CaDirectory.install(certificates, ca.certificate(), crl));

            Path trustStore = file(TRUSTSTORE);
            if (caNew || !holdsTrustedCertificate(trustStore, TRUSTSTORE_ALIAS, ca.certificate())) {
                Pkcs12Stores.writeTrustStore(trustStore, Map.of(TRUSTSTORE_ALIAS, ca.certificate()),
                        PASSWORD.toCharArray());
                created.add(trustStore);
            }

            for (Credential credential : credentials) {
                if (!credential.rogue) {
                    ensureCredential(ca, credential, keys);
                }
            }

            if (rogue == null) {
                rogue = newCa(rogueCaSubject(), ROGUE_CA_CERT, ROGUE_CA_KEY, keys);
            }
            ensureCredential(rogue, rogueUser, keys);
        }

        Path readme = file(README);
        byte[] readmeText = readme(ca).getBytes(StandardCharsets.UTF_8);
        if (force || !Files.exists(readme) || !Arrays.equals(Files.readAllBytes(readme), readmeText)) {
            AtomicFiles.write(readme, readmeText, false);
            created.add(readme);
        }
    }

    /** A credential to have in the output directory, and the existing one if it can be kept. */
    private static final class Credential {
        final boolean rogue;
        final CertificateAuthority.Usage usage;
        final X500Name subject;
        final List<String> subjectAltNames;
        final Duration validity;
        final String cert;
        final String key;
        final String p12;
        final String alias;
        IssuedCredential existing;

        Credential(boolean rogue, CertificateAuthority.Usage usage, X500Name subject, List<String> subjectAltNames,
                   Duration validity, String cert, String key, String p12, String alias) {
            this.rogue = rogue;
            this.usage = usage;
            this.subject = subject;
            this.subjectAltNames = subjectAltNames;
            this.validity = validity;
            this.cert = cert;
            this.key = key;
            this.p12 = p12;
            this.alias = alias;
        }
    }

    private Path file(String relative) {
        return outDir.resolve(relative);
    }

    /** The CA stored in the given files if it can be reused, null if a new one has to be made. */
    private CertificateAuthority reuseCa(String certRelative, String keyRelative)
            throws IOException, GeneralSecurityException {
        Path cert = file(certRelative);
        Path key = file(keyRelative);
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (force || (!haveCert && !haveKey)) {
            return null;
        }
        if (haveCert != haveKey) {
            // Never silently replace half of a CA: the other half may be what someone still relies on.
            throw new IOException("found " + (haveCert ? cert : key) + " but not " + (haveCert ? key : cert)
                    + "; restore it or use --force to make a new CA");
        }
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.load(cert, key, random);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot reuse the CA in " + cert + " and " + key + " (" + describe(e)
                    + "); use --force to make a new CA", e);
        }
        if (expiresSoon(ca.certificate())) {
            return null; // an expired CA is of no use to anyone: make a new one, and everything below it
        }
        return ca;
    }

    private CertificateAuthority newCa(X500Name subject, String certRelative, String keyRelative, KeyPairPool keys)
            throws IOException, GeneralSecurityException {
        CertificateAuthority ca = CertificateAuthority.create(subject, keys.take(),
                CertificateAuthority.DEFAULT_CA_VALIDITY, random);
        // Key first: an interrupted run then leaves a key without a certificate, which is reported, rather
        // than a certificate that looks reusable without its key.
        PemFiles.writePrivateKey(file(keyRelative), ca.privateKey());
        created.add(file(keyRelative));
        PemFiles.writeCertificates(file(certRelative), ca.certificate());
        created.add(file(certRelative));
        return ca;
    }

    /**
     * Makes sure the certificate, key and PKCS#12 store of a credential exist: keeps the existing ones when
     * they were found reusable (for a reused CA only), and writes the PKCS#12 store if it is missing or stale.
     */
    private void ensureCredential(CertificateAuthority ca, Credential wanted, KeyPairPool keys)
            throws IOException, GeneralSecurityException {
        Path cert = file(wanted.cert);
        Path key = file(wanted.key);
        Path p12 = file(wanted.p12);
        IssuedCredential credential = wanted.existing;
        boolean fresh = credential == null;
        if (fresh) {
            credential = ca.issue(wanted.subject, wanted.usage, wanted.subjectAltNames, wanted.validity, keys.take());
            PemFiles.writePrivateKey(key, credential.privateKey());
            created.add(key);
            PemFiles.writeCertificates(cert, credential.certificate());
            created.add(cert);
        }
        if (fresh || !holdsKeyEntry(p12, wanted.alias, credential.certificate())) {
            Pkcs12Stores.writeKeyStore(p12, wanted.alias, credential.privateKey(), credential.chain(),
                    PASSWORD.toCharArray());
            created.add(p12);
        }
    }

    /** The existing credential if it was issued by this CA to this subject, matches its key and is not about to expire. */
    private static IssuedCredential reusableCredential(Path certFile, Path keyFile, CertificateAuthority ca,
                                                       X500Name subject) {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            return null;
        }
        try {
            X509Certificate cert = PemFiles.readCertificate(certFile);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            cert.verify(ca.certificate().getPublicKey());
            if (!X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).equals(subject)
                    || expiresSoon(cert)
                    || !CertificateAuthority.keyMatches(key, cert.getPublicKey())) {
                return null;
            }
            return new IssuedCredential(cert, key, List.of(cert, ca.certificate()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static X509CRL reusableCrl(Path file, CertificateAuthority ca) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            X509CRL crl = PemFiles.readCrl(file);
            crl.verify(ca.certificate().getPublicKey());
            if (crl.getNextUpdate() == null
                    || crl.getNextUpdate().toInstant().isBefore(Instant.now().plus(MINIMUM_REMAINING))) {
                return null;
            }
            return crl;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static boolean expiresSoon(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(MINIMUM_REMAINING));
    }

    private static boolean holdsTrustedCertificate(Path file, String alias, X509Certificate certificate) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            KeyStore store = Pkcs12Stores.load(file, PASSWORD.toCharArray());
            return store.isCertificateEntry(alias) && certificate.equals(store.getCertificate(alias))
                    && store.size() == 1;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean holdsKeyEntry(Path file, String alias, X509Certificate certificate) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            KeyStore store = Pkcs12Stores.load(file, PASSWORD.toCharArray());
            Certificate[] chain = store.getCertificateChain(alias);
            return store.isKeyEntry(alias) && chain != null && chain.length > 0 && certificate.equals(chain[0]);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String readme(CertificateAuthority ca) {
        String hash = OpenSslNameHash.subjectHash(ca.certificate());
        return String.join("\n",
                "Gatehouse development PKI - for development and tests only, never for production.",
                "Made by io.gatehouse.config.pki.DevPki; re-run it to add missing files, with --force to start over.",
                "Every PKCS#12 store and key entry has the password '" + PASSWORD + "'. PEM keys are unencrypted.",
                "",
                "ca/ca.pem, ca/ca-key.pem    the development CA (" + oneLine(ca.subject()) + ")",
                "ca/ca.crl.pem               its CRL (revokes nothing)",
                "certificates/               OpenSSL CA directory (X509_CERT_DIR, -CApath): " + hash + ".0 is the CA,",
                "                            " + hash + ".r0 its CRL",
                "truststore.p12              the CA as trusted entry '" + TRUSTSTORE_ALIAS + "'",
                "host/hostcert.pem, host/hostkey.pem, host/host.p12",
                "                            server credential /C=ch/O=Gatehouse/OU=Hosts/CN=localhost",
                "                            (DNS:localhost, IP:127.0.0.1, IP:::1), key entry '" + HOST_ALIAS + "'",
                "users/NAME/usercert.pem, userkey.pem, user.p12",
                "                            user credential /C=ch/O=Gatehouse/OU=Users/CN=NAME, key entry 'NAME'",
                "untrusted/ca.pem, ca-key.pem  an unrelated CA (/C=ch/O=Rogue/CN=Rogue CA) that nothing trusts",
                "untrusted/usercert.pem, userkey.pem, user.p12",
                "                            a user of that CA (/C=ch/O=Rogue/OU=Users/CN=rogue), key entry '"
                        + ROGUE_ALIAS + "', which must be refused",
                "");
    }

    /** OpenSSL's "compat" one-line form of a name, e.g. /C=ch/O=Gatehouse/CN=Gatehouse Development CA. */
    private static String oneLine(X500Name name) {
        StringBuilder text = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                text.append(text.length() == 0 || !rdn.isMultiValued() || atv == rdn.getFirst() ? "/" : "+")
                        .append(BCStyle.INSTANCE.oidToDisplayName(atv.getType()))
                        .append('=')
                        .append(IETFUtils.valueToString(atv.getValue()));
            }
        }
        return text.toString();
    }

    /** A one-line reason for an exception, naming the file for file system errors. */
    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return "not a directory: " + n.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() == null ? String.valueOf(f.getFile()) : f.getFile() + ": " + f.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
