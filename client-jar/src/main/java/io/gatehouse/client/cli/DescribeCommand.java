package io.gatehouse.client.cli;

import java.net.URI;
import java.util.List;

import io.gatehouse.client.CallException;
import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.description.ServerDescription;
import io.gatehouse.client.description.ServiceDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse describe URL}. */
@Command(name = "describe", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Show a service's methods: signatures, docs and who may call them.",
        description = {
            "Asks the server to describe the service at URL (GET https://host:port/System/Component) and prints"
                    + " its doc, then each method's signature in JSON terms, its rule (the properties a caller needs,"
                    + " after the administrators' overrides, and where the rule comes from), whether you may call it,"
                    + " the file it moves if any, and its doc; then the messages of its stable connections.",
            "Given the server's root (https://host:port/), lists the services the server deploys.",
            "Without a certificate you see only the methods a visitor may call (a note says when some were left"
                    + " out).",
            "With --json, prints the description as the server sent it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse describe https://localhost:8443/Framework/Hello",
            "  gatehouse describe https://localhost:8443/",
            "  gatehouse describe --json https://localhost:8443/Framework/Hello | jq -r '.methods[].signature'",
        })
final class DescribeCommand extends CallingCommand {

    @Parameters(arity = "0..1", paramLabel = "URL",
            description = "The service, https://host:port/System/Component, or the server, https://host:port/"
                    + " (or give --url).")
    String url;

    @Override
    public Integer call() {
        List<String> urls = connection.urls(url == null ? List.of() : List.of(url));
        boolean listing = isServerRoot(urls.get(0));
        for (String other : urls) {
            if (isServerRoot(other) != listing) {
                throw CliFailure.usage("give either service URLs or server roots, not both: " + urls.get(0)
                        + " and " + other);
            }
        }
        GatehouseClient client = connect(urls);
        try {
            if (json) {
                CallResult result = fetch(client, urls, listing);
                CliFailure failure = Failures.ofResult(result, "describe", connection);
                if (failure != null) {
                    throw explained(failure, result, listing);
                }
                out().println(JsonText.pretty(result.value()));
            } else {
                print(client, urls, listing);
            }
            out().flush();
            return ExitCodes.OK;
        } finally {
            close(client);
        }
    }

    private CallResult fetch(GatehouseClient client, List<String> urls, boolean listing) {
        try {
            return listing ? client.servicesResult() : client.describeResult();
        } catch (Exception e) {
            throw Failures.ofCall(e, urls, connection);
        }
    }

    private void print(GatehouseClient client, List<String> urls, boolean listing) {
        List<String> lines;
        try {
            if (listing) {
                ServerDescription server = client.services();
                lines = DescriptionText.services(server);
            } else {
                ServiceDescription service = client.describe();
                lines = DescriptionText.service(service);
                if (!service.complete()) {
                    lines.add("");
                    lines.add("Note: this list leaves out the methods you may not call"
                            + (connection.sendsCertificate() ? "." : " (you called without a certificate: "
                            + connection.credentialsText() + "); call with a certificate or proxy to see them all."));
                }
            }
        } catch (CallException e) {
            CallResult result = CallResult.error(e.errno(), e.getMessage(), e.httpStatus(), e.url());
            CliFailure failure = Failures.ofResult(result, "describe", connection);
            throw explained(failure, result, listing);
        } catch (Exception e) {
            throw Failures.ofCall(e, urls, connection);
        }
        for (String line : lines) {
            out().println(line);
        }
    }

    /** The failure, with a word on servers that do not describe their services. */
    private static CliFailure explained(CliFailure failure, CallResult result, boolean listing) {
        if (result.httpStatus() == 405 || (listing && result.httpStatus() == 404)) {
            return new CliFailure(failure.exitCode(), failure.getMessage()
                    + "\n  This server does not describe its services over GET (a Gatehouse older than"
                    + " descriptions, or another DIRAC-style server).");
        }
        return failure;
    }

    /** Whether a URL is a server's root (no path, or "/"), rather than a service's. */
    static boolean isServerRoot(String url) {
        String path = URI.create(url.trim()).getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return true;
        }
        long segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).count();
        if (segments < 2) {
            throw CliFailure.usage("not a service URL nor a server's root: " + url
                    + "; give https://host:port/System/Component or https://host:port/");
        }
        return false;
    }
}
