package io.gatehouse.client.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse ping URL}. */
@Command(name = "ping", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Check that a service answers: name, version, uptime, load.",
        description = {
            "Calls the ping method every service has and prints the service's name, version, uptime and the"
                    + " server's load, with the time the call took.",
            "With --json, prints ping's value as the service sent it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse ping https://localhost:8443/Framework/Hello",
            "  gatehouse ping --ca-dir dev-pki/certificates https://localhost:8443/Framework/Hello",
            "  gatehouse ping --url https://host1:8443/Framework/Hello --url https://host2:8443/Framework/Hello",
        })
final class PingCommand extends CallingCommand {

    @Parameters(arity = "0..1", paramLabel = "URL",
            description = "The service: https://host:port/System/Component (or give --url).")
    String url;

    @Override
    public Integer call() {
        List<String> urls = connection.urls(url == null ? List.of() : List.of(url));
        GatehouseClient client = connect(urls);
        try {
            long start = System.nanoTime();
            CallResult result = callOk(client, urls, "ping");
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
            if (json) {
                out().println(JsonText.pretty(result.value() == null ? JsonValue.NULL : result.value()));
            } else {
                print(result, roundTrip);
            }
            out().flush();
            return ExitCodes.OK;
        } finally {
            close(client);
        }
    }

    private void print(CallResult result, Duration roundTrip) {
        String where = result.url() == null ? "" : " at " + result.url();
        if (!(result.value() instanceof JsonObject value)) {
            out().println("pong" + where + ": " + JsonText.plain(result.value()));
            return;
        }
        String name = Values.string(value, "name");
        out().println((name == null ? "service" : name) + where);
        List<String[]> lines = new ArrayList<>();
        add(lines, "version", value.containsKey("version") ? Values.text(value.get("version")) : null);
        Long serviceUptime = Values.number(value, "service uptime");
        if (serviceUptime != null) {
            String since = value.containsKey("service start time")
                    ? " (since " + Values.text(value.get("service start time")) + ")" : "";
            add(lines, "service up", Texts.human(Duration.ofSeconds(serviceUptime)) + since);
        }
        Long hostUptime = Values.number(value, "host uptime");
        if (hostUptime != null) {
            add(lines, "host up", Texts.human(Duration.ofSeconds(hostUptime)));
        }
        add(lines, "load", value.containsKey("load") ? Values.text(value.get("load")) : null);
        add(lines, "server time", value.containsKey("time") ? Values.text(value.get("time")) : null);
        add(lines, "answered in", Texts.decimal(roundTrip.toNanos() / 1e6, 1) + " ms (connection included)");
        for (String[] line : lines) {
            out().printf("  %-12s: %s%n", line[0], line[1]);
        }
    }

    private static void add(List<String[]> lines, String name, String value) {
        if (value != null) {
            lines.add(new String[] {name, value});
        }
    }
}
