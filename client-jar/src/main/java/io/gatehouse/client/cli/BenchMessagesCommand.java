package io.gatehouse.client.cli;

import io.gatehouse.api.wire.ConnectionFrames;
import io.gatehouse.client.ClientCredentials;
import io.gatehouse.client.ClientTrust;
import io.gatehouse.client.Tls;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code gatehouse bench-messages URL}: round trips per second over stable connections, or how many idle ones a
 * server holds. The client speaks the raw frames with the JDK's WebSocket (no message client in between), so the
 * same loop measures Gatehouse's {@code Framework/PingPong} and a plain WebSocket echo endpoint.
 */
@Command(name = "bench-messages", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Benchmark stable connections: round trips per second, or idle connections held.",
        description = {
            "Round trips: --connections sockets each send a Ping message and wait for its answer, again and again,"
                    + " for --seconds after --warmup seconds; prints the round trips per second (and, with"
                    + " --server-pid, the server's CPU microseconds per round trip). URL is a service taking"
                    + " connections (https://host:port/System/Component, whose Ping is answered by a Pong: the"
                    + " connect frame is sent first), or with --echo a wss:// URL of a plain endpoint that sends"
                    + " each text frame back.",
            "Idle: --idle N opens N connections (connect frame, connected frame) at most --parallel at a time,"
                    + " prints a line when they are open, keeps them for --hold seconds, then closes them.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse bench-messages --connections 1,100 https://localhost:8443/Framework/PingPong",
            "  gatehouse bench-messages --echo --connections 100 wss://localhost:8443/reference/echo-ws",
            "  gatehouse bench-messages --idle 10000 --hold 30 https://localhost:8443/Framework/PingPong",
        })
final class BenchMessagesCommand extends CallingCommand {

    @Parameters(arity = "1", paramLabel = "URL", description = "The service, or with --echo the wss:// endpoint.")
    String url;

    @Option(names = "--echo", order = 2, description = "URL is a plain echo endpoint: no connect frame.")
    boolean echo;

    @Option(names = "--connections", split = ",", paramLabel = "N[,N...]", defaultValue = "1,100", order = 3,
            description = "Connection levels, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> levels;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", order = 4,
            description = "Measured seconds per level (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "3", order = 5,
            description = "Unmeasured seconds before each level (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--server-pid", paramLabel = "PID", order = 6,
            description = "The server JVM's process id, to report its CPU per round trip (from /proc).")
    Long serverPid;

    @Option(names = "--idle", paramLabel = "N", order = 7, description = "Open N idle connections instead.")
    Integer idle;

    @Option(names = "--parallel", paramLabel = "P", defaultValue = "32", order = 8,
            description = "Connections being opened at once in --idle mode (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--hold", paramLabel = "S", defaultValue = "10", order = 9,
            description = "Seconds the idle connections are kept open (default: ${DEFAULT-VALUE}).")
    double hold;

    @Option(names = "--label", paramLabel = "TEXT", order = 10, description = "A label for the output lines.")
    String label;

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    @Override
    public Integer call() throws Exception {
        URI target = echo ? URI.create(url) : URI.create("wss://" + URI.create(url).getRawAuthority()
                + URI.create(url).getRawPath().replaceAll("/+$", "") + "/" + ConnectionFrames.PATH);
        ClientCredentials credentials = connection.resolveCredentials(GatehouseCli.passwords(), Instant.now(), err());
        ClientTrust trust = connection.resolveTrust(GatehouseCli.passwords());
        HttpClient http = Tls.httpClient(credentials, trust, Duration.ofSeconds(30));
        if (idle != null) {
            return idle(http, target);
        }
        for (int level : levels) {
            roundTrips(http, target, level);
        }
        return ExitCodes.OK;
    }

    // ---- round trips ----

    private void roundTrips(HttpClient http, URI target, int level) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger errors = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < level; i++) {
            Looping loop = new Looping(done, counting, stopping, errors);
            sockets.add(http.newWebSocketBuilder().buildAsync(target, loop).get(30, TimeUnit.SECONDS));
            ready.add(loop.ready);
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Thread.sleep((long) (warmup * 1000));
        long cpuBefore = serverTicks();
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep((long) (seconds * 1000));
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        long cpuAfter = serverTicks();
        stopping.set(true);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
        double perSecond = done.sum() / (elapsed / 1e9);
        JsonObjectBuilder line = Json.createObjectBuilder().add("mode", echo ? "websocket-echo" : "gatehouse-messages")
                .add("label", label == null ? target.getPath() : label).add("connections", level)
                .add("round_trips_per_s", Math.round(perSecond * 10) / 10.0)
                .add("mean_ms", Math.round(level / perSecond * 1e6) / 1e3)
                .add("errors", errors.get());
        if (cpuBefore >= 0 && cpuAfter >= 0 && done.sum() > 0) {
            double microseconds = (cpuAfter - cpuBefore) * 1e6 / TICKS_PER_SECOND / done.sum();
            line.add("server_us_per_round_trip", Math.round(microseconds * 10) / 10.0);
        }
        print(line);
    }

    /** One connection's closed loop: a Ping, its answer, the next Ping. */
    private final class Looping implements WebSocket.Listener {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final LongAdder done;
        private final AtomicBoolean counting;
        private final AtomicBoolean stopping;
        private final AtomicInteger errors;
        private final StringBuilder partial = new StringBuilder();
        private int id;

        Looping(LongAdder done, AtomicBoolean counting, AtomicBoolean stopping, AtomicInteger errors) {
            this.done = done;
            this.counting = counting;
            this.stopping = stopping;
            this.errors = errors;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
            if (echo) {
                ready.complete(null);
                ping(webSocket);
            } else {
                webSocket.sendText("{\"type\":\"connect\",\"client\":\"bench-" + System.identityHashCode(this)
                        + "\",\"parameters\":{}}", true);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            webSocket.request(1);
            if (!last) {
                return null;
            }
            String frame = partial.toString();
            partial.setLength(0);
            if (!ready.isDone()) {
                if (frame.contains("\"connected\"")) {
                    ready.complete(null);
                    ping(webSocket);
                } else {
                    ready.completeExceptionally(new IOException("refused: " + frame));
                }
                return null;
            }
            if (!frame.contains("\"id\":" + id)) {
                errors.incrementAndGet();
            }
            if (counting.get()) {
                done.increment();
            }
            if (!stopping.get()) {
                id++;
                ping(webSocket);
            }
            return null;
        }

        private void ping(WebSocket webSocket) {
            webSocket.sendText("{\"type\":\"message\",\"name\":\"Ping\",\"fields\":{\"id\":" + id + "}}", true);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!stopping.get()) {
                errors.incrementAndGet();
            }
            ready.completeExceptionally(error);
        }
    }

    // ---- idle connections ----

    private int idle(HttpClient http, URI target) throws Exception {
        Semaphore opening = new Semaphore(parallel);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < idle; i++) {
            opening.acquire();
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            String client = "idle-" + i;
            CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().buildAsync(target,
                    new WebSocket.Listener() {
                        @Override
                        public void onOpen(WebSocket webSocket) {
                            webSocket.request(1);
                            if (echo) {
                                accepted.complete(null);
                            } else {
                                webSocket.sendText("{\"type\":\"connect\",\"client\":\"" + client
                                        + "\",\"parameters\":{}}", true);
                            }
                        }

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            webSocket.request(1);
                            if (data.toString().contains("\"connected\"")) {
                                accepted.complete(null);
                            }
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                            accepted.completeExceptionally(new IOException("closed " + code + " " + reason));
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            accepted.completeExceptionally(error);
                        }
                    });
            socket.thenCompose(s -> accepted).orTimeout(60, TimeUnit.SECONDS).whenComplete((ok, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
                opening.release();
            });
            sockets.add(socket);
        }
        opening.acquire(parallel); // every attempt has ended
        double openSeconds = (System.nanoTime() - start) / 1e9;
        int open = idle - failed.get();
        print(Json.createObjectBuilder().add("mode", "idle-connections").add("label", label == null
                ? target.getPath() : label).add("attempted", idle).add("open", open).add("failed", failed.get())
                .add("seconds_to_open", Math.round(openSeconds * 10) / 10.0));
        Thread.sleep((long) (hold * 1000));
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.thenAccept(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null));
        }
        return failed.get() == 0 ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }

    private void print(JsonObjectBuilder line) {
        if (json) {
            out().println(line.build());
        } else {
            var object = line.build();
            StringBuilder text = new StringBuilder();
            object.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(' ')
                    .append(value));
            out().println(text);
        }
        out().flush();
    }

    /** The server JVM's CPU time in clock ticks (utime + stime of /proc/PID/stat), or -1 when not known. */
    private long serverTicks() {
        if (serverPid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
