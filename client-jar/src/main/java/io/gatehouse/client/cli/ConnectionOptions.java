package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.PemFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options of every command that calls a service: who we are (a proxy, a certificate and key, or a PKCS#12
 * file), whom we trust, as whom we act, how long we wait, and which URLs to try. Turns them into a
 * {@link GatehouseClient}, checking credentials first so that a missing or expired one is reported plainly.
 */
public final class ConnectionOptions implements Failures.CallSetup {

    /** The CA directory grid tools use when X509_CERT_DIR is not set. */
    static final String DEFAULT_CA_DIRECTORY = "/etc/grid-security/certificates";
    /** The password of a trust store when none is given: the JDK's convention. */
    static final String DEFAULT_TRUSTSTORE_PASSWORD = "changeit";
    /** A proxy with less time left than this is used, with a warning. */
    static final Duration SHORT_TIME_LEFT = Duration.ofMinutes(10);

    @ArgGroup(validate = false, order = 10, heading = "%nCredentials (default: the proxy at $X509_USER_PROXY, "
            + "else /tmp/x509up_u<uid>, if there is one; else no certificate):%n")
    CredentialOptions credentials = new CredentialOptions();

    @ArgGroup(validate = false, order = 20, heading = "%nTrust (default: the CA directory $X509_CERT_DIR, else "
            + DEFAULT_CA_DIRECTORY + "):%n")
    TrustOptions trust = new TrustOptions();

    @ArgGroup(validate = false, order = 30, heading = "%nConnection:%n")
    CallOptions call = new CallOptions();

    /** --cert/--key, --p12, --proxy. */
    static final class CredentialOptions {
        @Option(names = "--proxy", paramLabel = "FILE", order = 1,
                description = "Grid proxy file (proxy certificate, key and chain), as made by `gatehouse proxy-init`.")
        Path proxy;

        @Option(names = "--cert", paramLabel = "FILE", order = 2,
                description = "PEM certificate (chain) to call with, e.g. a host certificate; with --key.")
        Path cert;

        @Option(names = "--key", paramLabel = "FILE", order = 3,
                description = "Its unencrypted PEM private key (default: the --cert file itself).")
        Path key;

        @Option(names = "--p12", paramLabel = "FILE", order = 4,
                description = "PKCS#12 file with certificate and key. Password from --password-file, else $"
                        + Passwords.P12_PASSWORD_VARIABLE + ", else asked on the terminal.")
        Path p12;

        @Option(names = "--password-file", paramLabel = "FILE", order = 5,
                description = "File whose first line is the --p12 password.")
        Path passwordFile;

        @Option(names = "--no-cert", order = 6,
                description = "Call without a certificate, as a visitor, even if you have a proxy.")
        boolean noCert;
    }

    /** --ca-dir, --truststore. */
    static final class TrustOptions {
        @Option(names = "--ca-dir", paramLabel = "DIR", order = 1,
                description = "OpenSSL-style CA directory (hashed *.0 certificates, *.r0 CRLs).")
        Path caDirectory;

        @Option(names = "--truststore", paramLabel = "FILE", order = 2,
                description = "Trust store (PKCS#12 or JKS) holding the CA certificates.")
        Path trustStore;

        @Option(names = "--truststore-password-file", paramLabel = "FILE", order = 3,
                description = "File whose first line is the trust store's password (else $"
                        + Passwords.TRUSTSTORE_PASSWORD_VARIABLE + ", else " + DEFAULT_TRUSTSTORE_PASSWORD + ").")
        Path trustStorePasswordFile;
    }

    /** --url, --host-mode, --delegate, timeouts. */
    static final class CallOptions {
        @Option(names = {"--url", "--failover"}, paramLabel = "URL", order = 1,
                description = "Another URL of the same service (repeatable). URLs are tried in order: the next "
                        + "one when a URL cannot be reached.")
        List<String> urls = new ArrayList<>();

        @Option(names = "--host-mode", order = 2,
                description = "Call as a host: the certificate is a host certificate (sends extraCredentials "
                        + "\"hosts\").")
        boolean hostMode;

        @Option(names = "--delegate", arity = "2", paramLabel = " DN GROUP", hideParamSyntax = true, order = 3,
                description = "Act for the user DN in GROUP (a TrustedHost's privilege), e.g. "
                        + "--delegate /C=ch/O=Example/CN=alice dirac_user.")
        List<String> delegate;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS", order = 4,
                description = "Time allowed to open a connection (default: 10).")
        Double connectTimeout;

        @Option(names = "--timeout", paramLabel = "SECONDS", order = 5,
                description = "Time allowed for the answer to a call (default: 120).")
        Double readTimeout;
    }

    /** Defaults when the options are not given. */
    static final double DEFAULT_CONNECT_TIMEOUT = 10;
    static final double DEFAULT_READ_TIMEOUT = 120;

    private String credentialsText = "no credentials were given";
    private boolean sendsCertificate;
    private String trustText = "the default CA directory";

    private CredentialOptions credentials() {
        return credentials == null ? new CredentialOptions() : credentials;
    }

    private TrustOptions trust() {
        return trust == null ? new TrustOptions() : trust;
    }

    private CallOptions callOptions() {
        return call == null ? new CallOptions() : call;
    }

    /** The URLs to call: those given as arguments, then the --url ones. */
    List<String> urls(List<String> positional) {
        List<String> all = new ArrayList<>();
        if (positional != null) {
            all.addAll(positional);
        }
        all.addAll(callOptions().urls);
        if (all.isEmpty()) {
            throw CliFailure.usage("no URL: give the service's URL, e.g. https://localhost:8443/Framework/Hello");
        }
        for (String url : all) {
            checkUrl(url);
        }
        return all;
    }

    static void checkUrl(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw CliFailure.usage("not a URL: " + url + " (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw CliFailure.usage("not a service URL: " + url + "; it looks like https://host:8443/System/Component");
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            throw CliFailure.usage("unsupported scheme in " + url + ": services are called over https://"
                    + (uri.getScheme().equalsIgnoreCase("dips") ? " (dips:// is DIRAC's older protocol)" : ""));
        }
    }

    /**
     * Makes the client.
     *
     * @param err for warnings (a proxy about to expire)
     */
    GatehouseClient connect(List<String> urls, boolean pooled, Passwords passwords, PrintWriter err) {
        ClientCredentials clientCredentials = resolveCredentials(passwords, Instant.now(), err);
        ClientTrust clientTrust = resolveTrust(passwords);
        CallOptions options = callOptions();
        if (options.hostMode && options.delegate != null) {
            throw CliFailure.usage("--host-mode and --delegate cannot go together: a trusted host delegating is "
                    + "identified by its certificate alone");
        }
        Duration connectTimeout = Texts.seconds(connectTimeoutSeconds(), "--connect-timeout");
        Duration readTimeout = Texts.seconds(readTimeoutSeconds(), "--timeout");
        try {
            GatehouseClient.Builder builder = GatehouseClient.builder()
                    .urls(urls)
                    .credentials(clientCredentials)
                    .trust(clientTrust)
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .pooled(pooled);
            if (options.hostMode) {
                builder.asHost();
            }
            if (options.delegate != null) {
                builder.delegate(options.delegate.get(0), options.delegate.get(1));
            }
            return builder.build();
        } catch (Exception e) {
            throw Failures.ofSetup(e, this);
        }
    }

    double connectTimeoutSeconds() {
        Double value = callOptions().connectTimeout;
        return value == null ? DEFAULT_CONNECT_TIMEOUT : value;
    }

    double readTimeoutSeconds() {
        Double value = callOptions().readTimeout;
        return value == null ? DEFAULT_READ_TIMEOUT : value;
    }

    ClientCredentials resolveCredentials(Passwords passwords, Instant now, PrintWriter err) {
        CredentialOptions options = credentials();
        int given = (options.cert != null || options.key != null ? 1 : 0) + (options.p12 != null ? 1 : 0)
                + (options.proxy != null ? 1 : 0) + (options.noCert ? 1 : 0);
        if (given > 1) {
            throw CliFailure.usage("give only one credential: --proxy FILE, --cert FILE [--key FILE], --p12 FILE "
                    + "or --no-cert");
        }
        if (options.key != null && options.cert == null) {
            throw CliFailure.usage("--key goes with --cert FILE");
        }
        if (options.passwordFile != null && options.p12 == null) {
            throw CliFailure.usage("--password-file goes with --p12 FILE (a PEM key must be unencrypted to call with; "
                    + "to use an encrypted key, make a proxy from it with `gatehouse proxy-init`)");
        }
        try {
            if (options.proxy != null) {
                return proxy(options.proxy, now, err, null);
            }
            if (options.cert != null) {
                return pem(options.cert, options.key == null ? options.cert : options.key, now);
            }
            if (options.p12 != null) {
                return pkcs12(options.p12, passwords, now);
            }
            if (options.noCert) {
                credentialsText = "--no-cert";
                sendsCertificate = false;
                return ClientCredentials.none();
            }
            return defaultCredentials(now, err);
        } catch (CliFailure e) {
            throw e;
        } catch (Exception e) {
            throw Failures.ofSetup(e, this);
        }
    }

    private ClientCredentials defaultCredentials(Instant now, PrintWriter err) throws Exception {
        Path location;
        try {
            location = GridProxyFiles.defaultLocation();
        } catch (IllegalStateException e) {
            credentialsText = "no proxy: " + e.getMessage();
            return ClientCredentials.none();
        }
        if (Files.exists(location)) {
            return proxy(location, now, err, ClientCredentials::defaultProxy);
        }
        String variable = System.getenv(GridProxyFiles.X509_USER_PROXY);
        if (variable != null && !variable.isEmpty()) {
            throw CliFailure.credentials("$" + GridProxyFiles.X509_USER_PROXY + " names " + location
                    + ", which does not exist: make a proxy with `gatehouse proxy-init`, or unset "
                    + GridProxyFiles.X509_USER_PROXY + " to call without a certificate");
        }
        credentialsText = "there is no proxy at " + location;
        sendsCertificate = false;
        return ClientCredentials.none();
    }

    /** A proxy file, checked: present, readable, not expired. */
    private ClientCredentials proxy(Path file, Instant now, PrintWriter err, ProxyFactory factory) throws Exception {
        if (!Files.exists(file)) {
            throw CliFailure.credentials("there is no proxy at " + file + ": make one with `gatehouse proxy-init`");
        }
        IssuedCredential credential;
        try {
            credential = GridProxyFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw CliFailure.credentials("cannot read the proxy " + file + ": " + Failures.describe(e)
                    + "\n  Make a new one with `gatehouse proxy-init`.");
        }
        ProxyReport report = ProxyReport.of(file, credential.chain(), now);
        if (report.expired()) {
            throw CliFailure.credentials("your proxy " + file + " expired at " + Texts.time(report.notAfter())
                    + ": make a new one with `gatehouse proxy-init`");
        }
        if (report.timeLeft().compareTo(SHORT_TIME_LEFT) < 0 && err != null) {
            err.println("warning: your proxy " + file + " expires in " + Texts.human(report.timeLeft())
                    + "; `gatehouse proxy-init` makes a new one");
            err.flush();
        }
        credentialsText = "the proxy " + file + " of " + report.identity()
                + (report.group() == null ? "" : ", group " + report.group());
        sendsCertificate = true;
        return factory == null ? ClientCredentials.proxyFile(file) : factory.make();
    }

    /** What makes the client's credentials from a checked proxy file. */
    private interface ProxyFactory {
        ClientCredentials make() throws Exception;
    }

    private ClientCredentials pem(Path cert, Path key, Instant now) throws Exception {
        if (!Files.exists(cert)) {
            throw CliFailure.credentials("there is no certificate file " + cert);
        }
        if (!Files.exists(key)) {
            throw CliFailure.credentials("there is no key file " + key);
        }
        List<X509Certificate> chain;
        try {
            chain = PemFiles.readCertificates(cert);
        } catch (IOException | RuntimeException e) {
            throw CliFailure.credentials("cannot read the certificate " + cert + ": " + Failures.describe(e));
        }
        if (chain.isEmpty()) {
            throw CliFailure.credentials("there is no PEM certificate in " + cert);
        }
        checkNotExpired(chain, cert, now);
        UserCredentials.KeyForm form = UserCredentials.keyForm(key);
        if (form == UserCredentials.KeyForm.NONE) {
            throw CliFailure.credentials("there is no private key in " + key + ": give the certificate's key with "
                    + "--key FILE");
        }
        if (form == UserCredentials.KeyForm.ENCRYPTED) {
            throw CliFailure.credentials("the key " + key + " is encrypted, and calls need an unencrypted one: make a "
                    + "proxy from it with `gatehouse proxy-init --cert " + cert + " --key " + key
                    + "` and call with the proxy (the default)");
        }
        credentialsText = "the certificate " + OpenSslNames.oneLine(chain.get(0).getSubjectX500Principal());
        sendsCertificate = true;
        return ClientCredentials.pem(cert, key);
    }

    private ClientCredentials pkcs12(Path file, Passwords passwords, Instant now) throws Exception {
        if (!Files.exists(file)) {
            throw CliFailure.credentials("there is no PKCS#12 file " + file);
        }
        char[] password = passwords.get(credentials().passwordFile, Passwords.P12_PASSWORD_VARIABLE,
                "the PKCS#12 file " + file);
        IssuedCredential credential = UserCredentials.fromPkcs12(file, password);
        checkNotExpired(credential.chain(), file, now);
        credentialsText = "the certificate " + OpenSslNames.oneLine(credential.certificate().getSubjectX500Principal())
                + " (" + file + ")";
        sendsCertificate = true;
        return ClientCredentials.pkcs12(file, password);
    }

    private static void checkNotExpired(List<X509Certificate> chain, Path file, Instant now) {
        X509Certificate leaf = chain.get(0);
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (!notAfter.isAfter(now)) {
            String kind = ProxyReport.kindOf(leaf).isProxy() ? "proxy" : "certificate";
            throw CliFailure.credentials("your " + kind + " " + file + " (" + OpenSslNames.oneLine(leaf.getSubjectX500Principal())
                    + ") expired at " + Texts.time(notAfter) + (kind.equals("proxy")
                    ? ": make a new one with `gatehouse proxy-init`" : ": renew it with your certification authority"));
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (notBefore.isAfter(now)) {
            throw CliFailure.credentials("the certificate in " + file + " is not valid before "
                    + Texts.time(notBefore) + ": is this computer's clock right?");
        }
    }

    ClientTrust resolveTrust(Passwords passwords) {
        TrustOptions options = trust();
        if (options.caDirectory != null && options.trustStore != null) {
            throw CliFailure.usage("give only one of --ca-dir DIR and --truststore FILE");
        }
        if (options.trustStorePasswordFile != null && options.trustStore == null) {
            throw CliFailure.usage("--truststore-password-file goes with --truststore FILE");
        }
        try {
            if (options.caDirectory != null) {
                if (!Files.isDirectory(options.caDirectory)) {
                    throw CliFailure.usage("--ca-dir " + options.caDirectory + ": there is no such directory");
                }
                trustText = "the CA directory " + options.caDirectory;
                return ClientTrust.caDirectory(options.caDirectory);
            }
            if (options.trustStore != null) {
                if (!Files.isRegularFile(options.trustStore)) {
                    throw CliFailure.usage("--truststore " + options.trustStore + ": there is no such file");
                }
                char[] password;
                if (options.trustStorePasswordFile != null) {
                    password = Passwords.fromFile(options.trustStorePasswordFile);
                } else {
                    String variable = System.getenv(Passwords.TRUSTSTORE_PASSWORD_VARIABLE);
                    password = (variable != null ? variable : DEFAULT_TRUSTSTORE_PASSWORD).toCharArray();
                }
                trustText = "the trust store " + options.trustStore;
                return ClientTrust.trustStore(options.trustStore, password);
            }
            String variable = System.getenv("X509_CERT_DIR");
            Path directory = Paths.get(variable != null && !variable.isEmpty() ? variable : DEFAULT_CA_DIRECTORY);
            trustText = "the CA directory " + directory + (variable != null && !variable.isEmpty()
                    ? " ($X509_CERT_DIR)" : "");
            if (!Files.isDirectory(directory)) {
                throw new CliFailure(ExitCodes.UNREACHABLE, "no CA certificates to check the server with: "
                        + directory + " does not exist. Give --ca-dir DIR or --truststore FILE, or set X509_CERT_DIR.");
            }
            return ClientTrust.defaults();
        } catch (CliFailure e) {
            throw e;
        } catch (Exception e) {
            String message = Failures.describe(e);
            throw new CliFailure(ExitCodes.UNREACHABLE, "cannot use " + trustText + ": " + message, e);
        }
    }

    // ---- Failures.CallSetup ----

    @Override
    public String credentialsText() {
        return credentialsText;
    }

    @Override
    public boolean sendsCertificate() {
        return sendsCertificate;
    }

    @Override
    public String trustText() {
        return trustText;
    }

    @Override
    public String connectTimeoutText() {
        return Texts.secondsText(connectTimeoutSeconds()) + " (--connect-timeout)";
    }

    @Override
    public String readTimeoutText() {
        return Texts.secondsText(readTimeoutSeconds());
    }
}
