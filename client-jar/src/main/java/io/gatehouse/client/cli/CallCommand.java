package io.gatehouse.client.cli;

import java.util.ArrayList;
import java.util.List;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse call URL METHOD [ARG...]}. */
@Command(name = "call", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Call a method of a service and print its result.",
        description = {
            "Calls METHOD of the service at URL with the arguments ARG... and prints the result.",
            "",
            "Each ARG is one JSON value, in DIRAC's dialect:",
            "  1   2.5   true   null   '\"text\"'   '[1, 2]'   '{\"a\": 1}'",
            "  '{\"__dCls\": \"dt\", \"obj\": \"2024-05-01 12:00:00\"}'    (a datetime, UTC)",
            "A word that is not JSON is sent as a string: hello is \"hello\", 007 is \"007\". To send a string"
                    + " that reads as JSON (true, 12), quote it: '\"12\"'. A word starting with [ { or \" must be"
                    + " valid JSON. Put -- before arguments that start with --.",
            "",
            "Prints the value: strings and numbers as they are, lists and maps as indented JSON. An S_ERROR is"
                    + " reported on standard error with its errno (exit code 1).",
            "With --json, prints the result as DIRAC's client returns it, {\"OK\": true, \"Value\": ...} or"
                    + " {\"OK\": false, \"Errno\": ..., \"Message\": ...}, also when the call could not be made"
                    + " (the exit code tells why).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse call https://localhost:8443/Framework/Hello sayHello world",
            "  gatehouse call https://localhost:8443/Framework/Hello echo '{\"a\": [1, 2]}'",
            "  gatehouse call --json https://host1:8443/Data/Catalog getFile /vo/f.dst \\",
            "      --failover https://host2:8443/Data/Catalog",
            "  gatehouse call --proxy /tmp/x509up_alice --ca-dir dev-pki/certificates \\",
            "      https://localhost:8443/Framework/Hello echo -5",
        })
final class CallCommand extends CallingCommand {

    @Parameters(index = "0", paramLabel = "URL",
            description = "The service: https://host:port/System/Component.")
    String url;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method to call.")
    String method;

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "The arguments, each a JSON value or a bare word (a string).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> words = new ArrayList<>(arguments);
        String callMethod = method;
        List<String> positionalUrl = new ArrayList<>();
        if (url.contains("://")) {
            positionalUrl.add(url);
        } else if (!connection.call.urls.isEmpty()) {
            // "call --url URL METHOD ARG...": the first word is the method.
            words.add(0, method);
            callMethod = url;
        } else {
            throw CliFailure.usage("the first argument must be the service's URL (https://host:port/System/Component)"
                    + ", not '" + url + "'");
        }
        List<String> urls = connection.urls(positionalUrl);
        List<Object> values = CallArguments.parse(words);
        GatehouseClient client = connect(urls);
        try {
            CallResult result = call(client, urls, callMethod, values.toArray());
            CliFailure failure = Failures.ofResult(result, callMethod, connection);
            if (json) {
                out().println(JsonText.pretty(envelope(result)));
                out().flush();
            } else if (failure == null) {
                out().println(JsonText.plain(result.value()));
                out().flush();
            }
            if (failure != null) {
                throw failure;
            }
            return ExitCodes.OK;
        } finally {
            close(client);
        }
    }
}
