package io.gatehouse.client.cli;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse whoami URL}. */
@Command(name = "whoami", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Show who a service thinks you are: DN, group, properties.",
        description = {
            "Asks the service who it thinks you are (its whoami method): your DN, DIRAC group, user name,"
                    + " properties, whether you called with a proxy (limited or not) and its time left.",
            "Useful to check a proxy's group, or what --host-mode and --delegate do.",
            "With --json, prints whoami's value as the service sent it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse whoami https://localhost:8443/Framework/Hello",
            "  gatehouse whoami --cert hostcert.pem --key hostkey.pem --host-mode https://localhost:8443/Framework/Hello",
            "  gatehouse whoami --json https://localhost:8443/Framework/Hello | jq -r .group",
        })
final class WhoamiCommand extends CallingCommand {

    @Parameters(arity = "0..1", paramLabel = "URL",
            description = "The service: https://host:port/System/Component (or give --url).")
    String url;

    /** The members printed first, in this order, with their labels; others follow as they come. */
    private static final Map<String, String> LABELS = labels();

    @Override
    public Integer call() {
        List<String> urls = connection.urls(url == null ? List.of() : List.of(url));
        GatehouseClient client = connect(urls);
        try {
            CallResult result = callOk(client, urls, "whoami");
            if (json) {
                out().println(JsonText.pretty(result.value() == null ? JsonValue.NULL : result.value()));
            } else if (result.value() instanceof JsonObject value) {
                print(value);
            } else {
                out().println(JsonText.plain(result.value()));
            }
            out().flush();
            return ExitCodes.OK;
        } finally {
            close(client);
        }
    }

    private void print(JsonObject value) {
        Set<String> done = new LinkedHashSet<>();
        for (Map.Entry<String, String> label : LABELS.entrySet()) {
            String key = label.getKey();
            if (!value.containsKey(key)) {
                continue;
            }
            done.add(key);
            String text;
            switch (key) {
                case "isProxy" -> {
                    if (value.get(key) == JsonValue.TRUE) {
                        text = "yes, " + (value.get("isLimitedProxy") == JsonValue.TRUE ? "limited" : "not limited");
                    } else {
                        text = "no";
                    }
                    done.add("isLimitedProxy");
                }
                case "secondsLeft" -> {
                    Long seconds = Values.number(value, key);
                    text = seconds == null ? Values.text(value.get(key)) : Texts.hms(Duration.ofSeconds(seconds));
                }
                case "validDN", "validGroup" -> text = value.get(key) == JsonValue.TRUE ? "yes" : "no";
                default -> text = Values.text(value.get(key));
            }
            line(label.getValue(), text);
        }
        for (Map.Entry<String, JsonValue> member : value.entrySet()) {
            if (!done.contains(member.getKey()) && !member.getKey().equals("isLimitedProxy")) {
                line(member.getKey(), Values.text(member.getValue()));
            }
        }
    }

    private void line(String label, String text) {
        out().printf("%-17s: %s%n", label, text);
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("DN", "DN");
        labels.put("group", "group");
        labels.put("username", "username");
        labels.put("VO", "VO");
        labels.put("properties", "properties");
        labels.put("subject", "subject");
        labels.put("issuer", "issuer");
        labels.put("identity", "identity");
        labels.put("isProxy", "proxy");
        labels.put("secondsLeft", "time left");
        labels.put("validDN", "registered DN");
        labels.put("validGroup", "valid group");
        labels.put("extraCredentials", "extraCredentials");
        return labels;
    }
}
