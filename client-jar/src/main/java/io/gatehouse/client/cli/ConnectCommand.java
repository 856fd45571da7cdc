package io.gatehouse.client.cli;

import io.gatehouse.api.Errors;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.LocalFiles;
import io.gatehouse.client.MessageClient;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code gatehouse connect URL}: a stable connection, messages sent and printed as they arrive. */
@Command(name = "connect", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Hold a stable connection to a service: send messages, print what arrives.",
        description = {
            "Connects to the service's WebSocket (its URL + /connection) with your certificate, sends each --send"
                    + " message in order, and prints every message the service sends, until --seconds have passed"
                    + " or --count messages have arrived. The connection is kept: after a drop it reconnects by"
                    + " itself with the same client identity.",
            "With --offer-files DIR it also answers the service's calls into it with time and cat (the text of a"
                    + " file under DIR), as restpipe's example client does.",
            "With --json, prints one JSON object per line: connected, message, disconnected, refused.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse connect --send 'Ping={\"id\":1}' --count 1 https://localhost:8443/Framework/PingPong",
            "  gatehouse connect --client-id worker-7 --offer-files /srv/data --seconds 0 \\",
            "      https://localhost:8443/Test/Board",
        })
final class ConnectCommand extends CallingCommand {

    @Parameters(arity = "1", paramLabel = "URL", description = "The service: https://host:port/System/Component.")
    String url;

    @Option(names = "--send", paramLabel = "NAME=FIELDS", order = 2,
            description = "A message to send once connected: its name, =, its fields as a JSON object. Repeatable.")
    List<String> sends = new ArrayList<>();

    @Option(names = "--ack", order = 3, description = "Wait for the service to acknowledge each message sent.")
    boolean ack;

    @Option(names = "--client-id", paramLabel = "ID", order = 4,
            description = "The client identity kept across reconnections (default: a new random one).")
    String clientId;

    @Option(names = "--param", paramLabel = "NAME=VALUE", order = 5,
            description = "A connection parameter for the service's connect callback (a JSON value, or text)."
                    + " Repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--seconds", paramLabel = "SECONDS", order = 6, defaultValue = "10",
            description = "How long to stay connected; 0 for until interrupted (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--count", paramLabel = "N", order = 7,
            description = "Stop after N messages have arrived.")
    Integer count;

    @Option(names = "--offer-files", paramLabel = "DIR", order = 8,
            description = "Answer the service's calls into this client: time, and cat PATH for files under DIR.")
    Path offerFiles;

    @Override
    public Integer call() {
        List<Map.Entry<String, JsonObject>> messages = parseSends();
        ConnectionOptions.checkUrl(url);
        ClientCredentials credentials = connection.resolveCredentials(GatehouseCli.passwords(), Instant.now(), err());
        ClientTrust trust = connection.resolveTrust(GatehouseCli.passwords());
        MessageClient.Builder builder = MessageClient.builder().url(url).credentials(credentials).trust(trust)
                .parameters(parameterValues())
                .connectTimeout(Duration.ofMillis((long) (connection.connectTimeoutSeconds() * 1000)));
        if (clientId != null) {
            builder.clientIdentity(clientId);
        }
        CountDownLatch enough = new CountDownLatch(count == null ? Integer.MAX_VALUE : Math.max(count, 0));
        AtomicInteger received = new AtomicInteger();
        try (MessageClient client = builder.build()) {
            if (offerFiles != null) {
                client.offer(new LocalFiles(offerFiles, 16L << 20));
            }
            client.subscribeAll(message -> {
                received.incrementAndGet();
                print("message", Json.createObjectBuilder().add("name", message.name())
                        .add("fields", message.fields()).build(), message.name() + " " + message.fields());
                enough.countDown();
            });
            client.onDisconnect(reason -> print("disconnected", Json.createObjectBuilder().add("reason", reason)
                    .build(), "disconnected: " + reason + " (reconnecting)"));
            client.onConnect(trid -> print("connected", Json.createObjectBuilder().add("transportId", trid)
                    .add("clientIdentity", client.clientIdentity()).build(),
                    "connected as " + client.clientIdentity() + ", transport id " + trid));
            try {
                client.connect().toCompletableFuture().get((long) (connection.connectTimeoutSeconds() * 1000) + 5000,
                        TimeUnit.MILLISECONDS);
                for (Map.Entry<String, JsonObject> message : messages) {
                    Map<String, Object> fields = fieldMap(message.getValue());
                    var sent = ack ? client.sendWithAck(message.getKey(), fields)
                            : client.send(message.getKey(), fields);
                    sent.toCompletableFuture().join();
                }
            } catch (CompletionException | java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return refused(cause);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new CliFailure(ExitCodes.TIMEOUT, "no connection to " + url + " within the connect timeout");
            }
            if (count == null || count > 0) {
                if (seconds > 0) {
                    enough.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
                } else {
                    enough.await();
                }
            }
            out().flush();
            return count != null && received.get() < count ? ExitCodes.TIMEOUT : ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private int refused(Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        int code = cause instanceof MessageClient.ServiceRefusal refusal
                ? (refusal.errno() == Errors.EACCES ? ExitCodes.NOT_AUTHORIZED : ExitCodes.SERVICE_ERROR)
                : ExitCodes.UNREACHABLE;
        print("refused", Json.createObjectBuilder().add("message", message).build(), "refused: " + message);
        out().flush();
        return code;
    }

    private synchronized void print(String event, JsonObject details, String text) {
        if (json) {
            var line = Json.createObjectBuilder().add("event", event);
            details.forEach(line::add);
            out().println(line.build());
        } else {
            out().println(text);
        }
        out().flush();
    }

    private List<Map.Entry<String, JsonObject>> parseSends() {
        List<Map.Entry<String, JsonObject>> messages = new ArrayList<>();
        for (String send : sends) {
            int equals = send.indexOf('=');
            String name = equals < 0 ? send : send.substring(0, equals);
            String fields = equals < 0 ? "{}" : send.substring(equals + 1);
            JsonValue value;
            try {
                value = JEncode.parse(fields);
            } catch (ArgumentException e) {
                throw CliFailure.usage("--send " + name + ": the fields are not JSON: " + e.getMessage());
            }
            if (!(value instanceof JsonObject object) || name.isBlank()) {
                throw CliFailure.usage("--send takes NAME={...}, a message name and its fields as a JSON object");
            }
            messages.add(Map.entry(name, object));
        }
        return messages;
    }

    private Map<String, Object> parameterValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach((name, text) -> {
            Object value;
            try {
                value = JEncode.decode(JEncode.parse(text));
            } catch (ArgumentException e) {
                value = text; // not JSON: the text itself
            }
            values.put(name, value);
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldMap(JsonObject fields) {
        return (Map<String, Object>) JEncode.decode(fields);
    }
}
