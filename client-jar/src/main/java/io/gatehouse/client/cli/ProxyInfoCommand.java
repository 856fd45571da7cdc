package io.gatehouse.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.gatehouse.credentials.GridProxyFiles;
import io.gatehouse.credentials.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse proxy-info [--file FILE]}. */
@Command(name = "proxy-info", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Describe a proxy: identity, type, DIRAC group, time left.",
        description = {
            "Describes a proxy file: its subject and issuer, the identity it stands for (the first certificate"
                    + " of the chain that is not a proxy), its type (RFC 3820 or legacy, limited or not), its DIRAC"
                    + " group, its key and its time left.",
            "An expired proxy is shown as EXPIRED, and the exit code is then 3, as it is for a file that cannot be"
                    + " used (missing, unreadable, a key that does not match).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse proxy-info",
            "  gatehouse proxy-info --file dev-pki/users/devuser/proxy.pem",
            "  gatehouse proxy-info --json | jq .secondsLeft",
        })
final class ProxyInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", order = 1,
            description = "The proxy file (default: $X509_USER_PROXY, else /tmp/x509up_u<uid>).")
    Path file;

    @Option(names = "--json", order = 2, description = "Print the description as JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        Path path = file;
        if (path == null) {
            try {
                path = GridProxyFiles.defaultLocation();
            } catch (IllegalStateException e) {
                throw CliFailure.usage(e.getMessage() + "; or give --file FILE");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(path)) {
            throw CliFailure.credentials("there is no proxy at " + path + ": make one with `gatehouse proxy-init`");
        }
        List<X509Certificate> chain;
        try {
            chain = PemFiles.readCertificates(path);
        } catch (IOException | RuntimeException e) {
            throw CliFailure.credentials("cannot read " + path + ": " + Failures.describe(e));
        }
        if (chain.isEmpty()) {
            throw CliFailure.credentials("there is no certificate in " + path);
        }
        ProxyReport report = ProxyReport.of(path, chain, Instant.now());
        print(report, out);
        if (report.expired()) {
            throw CliFailure.credentials("your proxy expired at " + Texts.time(report.notAfter())
                    + ": make a new one with `gatehouse proxy-init`");
        }
        try {
            GridProxyFiles.read(path);
        } catch (IOException | RuntimeException e) {
            throw CliFailure.credentials(path + " cannot be used to call: " + Failures.describe(e));
        }
        return ExitCodes.OK;
    }

    private void print(ProxyReport report, PrintWriter out) {
        if (json) {
            out.println(JsonText.pretty(report.toJson()));
        } else {
            report.print(out);
        }
        out.flush();
    }
}
