package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.IssuedCredential;
import io.gatehouse.credentials.ProxyIssuer;
import io.gatehouse.credentials.ProxyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse proxy-init}. */
@Command(name = "proxy-init", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Make a grid proxy from your certificate (RFC 3820 or legacy).",
        description = {
            "Makes a grid proxy from your certificate and key, as dirac-proxy-init and voms-proxy-init do, and"
                    + " writes it where every command (and curl, DIRAC, Python) finds it. Then describes it"
                    + " (as proxy-info does).",
            "The proxy is RFC 3820 (--legacy: a Globus GT2 \"CN=proxy\" one), carries your DIRAC group if --group"
                    + " is given, and never outlives your certificate: a longer --valid is cut, with a note.",
            "An encrypted key's password is read from --password-file, else asked on the terminal.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse proxy-init                           # ~/.globus/usercert.pem and userkey.pem, 24 hours",
            "  gatehouse proxy-init --group dirac_user --valid 12:30",
            "  gatehouse proxy-init --p12 ~/alice.p12 --out /tmp/alice.proxy --limited",
            "  gatehouse proxy-init --cert dev-pki/users/devuser/usercert.pem \\",
            "      --key dev-pki/users/devuser/userkey.pem --valid 1",
        })
final class ProxyInitCommand implements Callable<Integer> {

    private static final Pattern VALIDITY = Pattern.compile("(\\d{1,6})(?::(\\d{1,2}))?");

    @Spec
    CommandSpec spec;

    @Option(names = {"-C", "--cert"}, paramLabel = "FILE", order = 1,
            description = "Your PEM certificate (default: $X509_USER_CERT, else ~/.globus/usercert.pem).")
    Path cert;

    @Option(names = {"-K", "--key"}, paramLabel = "FILE", order = 2,
            description = "Its PEM private key, encrypted or not (default: $X509_USER_KEY, else "
                    + "~/.globus/userkey.pem, or the --cert file when it holds the key).")
    Path key;

    @Option(names = "--p12", paramLabel = "FILE", order = 3,
            description = "A PKCS#12 file with your certificate and key, instead of --cert and --key. Password from"
                    + " --password-file, else $" + Passwords.P12_PASSWORD_VARIABLE + ", else asked.")
    Path p12;

    @Option(names = "--password-file", paramLabel = "FILE", order = 4,
            description = "File whose first line is the password of the key or the PKCS#12 file.")
    Path passwordFile;

    @Option(names = {"-g", "--group"}, paramLabel = "NAME", order = 5,
            description = "DIRAC group to put in the proxy (else the server uses your default group).")
    String group;

    @Option(names = {"-v", "--valid"}, paramLabel = "HOURS[:MIN]", order = 6, defaultValue = "24:00",
            description = "How long the proxy is valid (default: ${DEFAULT-VALUE}), cut at your certificate's end.")
    String valid;

    @Option(names = {"-b", "--bits"}, paramLabel = "N", order = 7, defaultValue = "2048",
            description = "Size of the proxy's RSA key (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = {"-l", "--limited"}, order = 8, description = "Make a limited proxy.")
    boolean limited;

    @Option(names = "--legacy", order = 9,
            description = "Make a legacy (Globus GT2) proxy instead of an RFC 3820 one.")
    boolean legacy;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", order = 10,
            description = "Where to write the proxy, mode 0600 (default: $X509_USER_PROXY, else /tmp/x509up_u<uid>).")
    Path out;

    @Option(names = "--json", order = 11, description = "Describe the new proxy as JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Duration lifetime = parseValidity(valid);
        if (bits < 1024 || bits > 16384) {
            throw CliFailure.usage("--bits " + bits + ": give a key size between 1024 and 16384 (usually 2048)");
        }
        if (group != null && (group.isBlank() || !group.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw CliFailure.usage("--group '" + group + "': a DIRAC group name is printable ASCII without spaces");
        }
        Path target = out;
        if (target == null) {
            try {
                target = GridProxyFiles.defaultLocation();
            } catch (IllegalStateException e) {
                throw CliFailure.usage(e.getMessage() + "; or give --out FILE");
            }
        }

        IssuedCredential user = loadUser();
        Instant now = Instant.now();
        X509Certificate leaf = user.certificate();
        String source = p12 != null ? p12.toString() : cert().toString();
        Instant notAfter = leaf.getNotAfter().toInstant();
        for (X509Certificate certificate : user.chain()) {
            // The CA may be in a PKCS#12 chain; its own end does not bound the proxy more than the user's.
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && certificate.getNotAfter().toInstant().isBefore(notAfter)) {
                notAfter = certificate.getNotAfter().toInstant();
            }
        }
        if (!notAfter.isAfter(now)) {
            throw CliFailure.credentials("your certificate " + source + " (" + OpenSslNames.oneLine(leaf.getSubjectX500Principal())
                    + ") expired at " + Texts.time(notAfter) + ": renew it with your certification authority");
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            throw CliFailure.credentials("your certificate " + source + " is not valid before "
                    + Texts.time(leaf.getNotBefore().toInstant()) + ": is this computer's clock right?");
        }
        Duration available = Duration.between(now, notAfter);
        if (lifetime.compareTo(available) > 0) {
            stderr.println("note: your certificate expires at " + Texts.time(notAfter) + ", so the proxy is valid for "
                    + Texts.hms(available) + " instead of the " + Texts.hms(lifetime) + " asked");
            stderr.flush();
            lifetime = available;
        }
        if (bits < 2048) {
            stderr.println("warning: a " + bits + "-bit key is refused by servers that require 2048 bits (the default)");
            stderr.flush();
        }

        ProxyOptions options = legacy ? ProxyOptions.legacy() : ProxyOptions.rfc3820();
        options = options.lifetime(lifetime).keyBits(bits);
        if (limited) {
            options = options.limited();
        }
        if (group != null) {
            options = options.diracGroup(group);
        }
        IssuedCredential proxy;
        try {
            proxy = new ProxyIssuer().issue(user, options);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw CliFailure.credentials("cannot make a proxy from " + source + ": " + Failures.describe(e));
        }
        try {
            if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
                throw new IOException("there is no directory " + target.getParent());
            }
            GridProxyFiles.write(target, proxy);
        } catch (IOException e) {
            throw CliFailure.credentials("cannot write the proxy to " + target + ": " + Failures.describe(e));
        }

        // Described as written (the file leaves the root CA out), as proxy-info would describe it.
        java.util.List<X509Certificate> written = proxy.chain();
        try {
            written = io.gatehouse.credentials.PemFiles.readCertificates(target);
        } catch (IOException e) {
            // the chain in memory says the same
        }
        ProxyReport report = ProxyReport.of(target, written, Instant.now());
        if (json) {
            stdout.println(JsonText.pretty(report.toJson()));
        } else {
            stdout.println("Proxy written to " + target);
            report.print(stdout);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** "24", "24:00", "0:30", "12:5": hours and minutes; positive. */
    static Duration parseValidity(String text) {
        Matcher matcher = VALIDITY.matcher(text.strip());
        if (!matcher.matches()) {
            throw CliFailure.usage("--valid '" + text + "': give HOURS or HOURS:MINUTES, e.g. 24 or 12:30");
        }
        long hours = Long.parseLong(matcher.group(1));
        long minutes = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
        if (minutes >= 60) {
            throw CliFailure.usage("--valid '" + text + "': minutes go from 0 to 59");
        }
        Duration lifetime = Duration.ofHours(hours).plusMinutes(minutes);
        if (lifetime.isZero()) {
            throw CliFailure.usage("--valid '" + text + "': the proxy must be valid for at least a minute");
        }
        return lifetime;
    }

    private IssuedCredential loadUser() {
        Passwords passwords = GatehouseCli.passwords();
        if (p12 != null) {
            if (cert != null || key != null) {
                throw CliFailure.usage("give either --p12 FILE or --cert FILE [--key FILE], not both");
            }
            if (!Files.exists(p12)) {
                throw CliFailure.credentials("there is no PKCS#12 file " + p12);
            }
            char[] password = passwords.get(passwordFile, Passwords.P12_PASSWORD_VARIABLE, "the PKCS#12 file " + p12);
            return UserCredentials.fromPkcs12(p12, password);
        }
        Path certFile = cert();
        Path keyFile = key(certFile);
        if (!Files.exists(certFile)) {
            throw CliFailure.credentials("there is no certificate " + certFile + ": give --cert FILE --key FILE, or"
                    + " --p12 FILE");
        }
        if (!Files.exists(keyFile)) {
            throw CliFailure.credentials("there is no key " + keyFile + ": give --key FILE");
        }
        return UserCredentials.fromPem(certFile, keyFile,
                () -> passwords.get(passwordFile, null, "the key " + keyFile));
    }

    private Path cert() {
        if (cert != null) {
            return cert;
        }
        String variable = System.getenv("X509_USER_CERT");
        return variable != null && !variable.isEmpty() ? Paths.get(variable) : globus("usercert.pem");
    }

    private Path key(Path certFile) {
        if (key != null) {
            return key;
        }
        if (cert != null && holdsKey(certFile)) {
            return certFile;
        }
        String variable = System.getenv("X509_USER_KEY");
        return variable != null && !variable.isEmpty() ? Paths.get(variable) : globus("userkey.pem");
    }

    private static boolean holdsKey(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY-----");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path globus(String name) {
        return Paths.get(System.getProperty("user.home"), ".globus", name);
    }
}
