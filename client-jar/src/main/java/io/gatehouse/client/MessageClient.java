package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Result;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.ConnectionFrames;
import io.gatehouse.api.wire.ConnectionFrames.Frame;
import io.gatehouse.api.wire.JEncode;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A stable connection to one service (DISET's {@code MessageClient}), over a WebSocket at
 * {@code wss://host:port/<System>/<Component>/connection}, authenticated by the client's certificate.
 *
 * <p>It subscribes to message names and to disconnections, sends messages with or without an acknowledgement, and
 * answers the calls the service makes into it ({@link #offer}). When the connection drops it reconnects by itself,
 * after an exponential backoff with jitter, keeping its client identity, so the service sees the same client with a
 * new transport id. A message sent while disconnected waits in a bounded queue ({@link Outage#QUEUE}) or fails at
 * once ({@link Outage#FAIL}), as the caller chose; it is never dropped silently. Callbacks run one at a time, in
 * the order the frames arrived, on a thread of the client's own.
 */
public final class MessageClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MessageClient.class.getName());
    /** The subscription key of {@link #subscribeAll}; no message name holds a space. */
    private static final String ALL = "* all";

    /** What {@link #send} does with a message while the client is not connected. */
    public enum Outage {
        /** Keep it, up to the queue's capacity, and send it once connected again. */
        QUEUE,
        /** Fail the send at once. */
        FAIL
    }

    private record Outgoing(String text, CompletableFuture<Void> written) {
    }

    private final URI uri;
    private final String clientIdentity;
    private final JsonObject parameters;
    private final HttpClient http;
    private final Outage outage;
    private final int queueCapacity;
    private final Duration ackTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxJsonDepth = JEncode.DEFAULT_MAX_DEPTH;

    private final Map<String, List<Consumer<ReceivedMessage>>> subscriptions = new ConcurrentHashMap<>();
    private final List<Consumer<String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> connectListeners = new CopyOnWriteArrayList<>();
    private final ClientCallHandlers callHandlers = new ClientCallHandlers();
    private final Map<Long, CompletableFuture<Void>> awaitingAck = new ConcurrentHashMap<>();
    private final AtomicLong ackNumbers = new AtomicLong();
    /** Callbacks and call handlers, one at a time, in arrival order. */
    private final ExecutorService callbacks;

    private final Object lock = new Object();
    /** Frames waiting for the connection (the outage queue) or for the previous write. */
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private WebSocket socket;
    private String transportId;
    private boolean writing;
    private boolean closed;
    private int failedAttempts;
    private CompletableFuture<String> firstConnection = new CompletableFuture<>();

    private MessageClient(Builder builder, ClientTrust trust) {
        URI service = builder.url;
        this.uri = URI.create("wss://" + service.getRawAuthority() + service.getRawPath().replaceAll("/+$", "")
                + "/" + ConnectionFrames.PATH);
        this.clientIdentity = builder.clientIdentity;
        this.parameters = (JsonObject) JEncode.parse(JEncode.encode(builder.parameters));
        this.http = Tls.httpClient(builder.credentials,
                new ServerTrustManager(trust.validator(), trust.description()), builder.connectTimeout);
        this.outage = builder.outage;
        this.queueCapacity = builder.queueCapacity;
        this.ackTimeout = builder.ackTimeout;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-messages " + uri.getPath());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Calls {@code callback} with each message of that name the service sends. */
    public MessageClient subscribe(String messageName, Consumer<ReceivedMessage> callback) {
        subscriptions.computeIfAbsent(messageName, n -> new CopyOnWriteArrayList<>()).add(callback);
        return this;
    }

    /** Calls {@code callback} with every message the service sends, whatever its name. */
    public MessageClient subscribeAll(Consumer<ReceivedMessage> callback) {
        return subscribe(ALL, callback);
    }

    /** Calls {@code callback} with the reason each time the connection drops (the client then reconnects). */
    public MessageClient onDisconnect(Consumer<String> callback) {
        disconnectListeners.add(callback);
        return this;
    }

    /** Calls {@code callback} with the new transport id each time the service accepts a connection. */
    public MessageClient onConnect(Consumer<String> callback) {
        connectListeners.add(callback);
        return this;
    }

    /**
     * Offers the {@code @Export} methods of {@code handler} to the service's calls into this client, bound as a
     * service binds its methods' arguments.
     */
    public MessageClient offer(Object handler) {
        callHandlers.add(handler);
        return this;
    }

    /** The identity this client keeps across reconnections. */
    public String clientIdentity() {
        return clientIdentity;
    }

    /** The current connection's transport id, empty while disconnected. */
    public Optional<String> transportId() {
        synchronized (lock) {
            return Optional.ofNullable(transportId);
        }
    }

    /**
     * Connects, and keeps connecting after each drop until {@link #close}.
     *
     * @return completes with the transport id of the first accepted connection, or fails with the service's
     *         refusal or the reason the first attempt failed (the client keeps trying regardless)
     */
    public CompletionStage<String> connect() {
        attempt();
        return firstConnection;
    }

    /** Sends a message without asking for an acknowledgement; completes when written (or queued, then written). */
    public CompletionStage<Void> send(String name, Map<String, ?> fields) {
        return enqueue(new ConnectionFrames.Message(name, fieldsOf(fields), Optional.empty()));
    }

    /** Sends a message record (its simple name is the message's name). */
    public CompletionStage<Void> send(Record message) {
        return enqueue(new ConnectionFrames.Message(message.getClass().getSimpleName(),
                ConnectionFrames.fieldsOf(message), Optional.empty()));
    }

    /**
     * Sends a message and waits for the service's acknowledgement: completes when the service has handled it,
     * fails with the service's refusal, or with a timeout after the builder's {@code ackTimeout}.
     */
    public CompletionStage<Void> sendWithAck(String name, Map<String, ?> fields) {
        long number = ackNumbers.incrementAndGet();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        awaitingAck.put(number, acked);
        enqueue(new ConnectionFrames.Message(name, fieldsOf(fields), Optional.of(number)))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        acked.completeExceptionally(e);
                    }
                });
        acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, e) -> awaitingAck.remove(number));
        return acked;
    }

    /** Closes the connection and stops reconnecting; what still waits to be sent fails. */
    @Override
    public void close() {
        WebSocket current;
        synchronized (lock) {
            closed = true;
            current = socket;
            socket = null;
            transportId = null;
        }
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        failOutbox(new IOException("the message client was closed"));
        callbacks.shutdown();
    }

    // ---- connecting ----

    private void attempt() {
        synchronized (lock) {
            if (closed || socket != null) {
                return;
            }
        }
        http.newWebSocketBuilder().buildAsync(uri, new Listener()).whenComplete((webSocket, e) -> {
            if (e != null) {
                dropped(null, "cannot connect to " + uri + ": " + rootMessage(e));
                return;
            }
            synchronized (lock) {
                if (closed) {
                    webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "closed").exceptionally(x -> null);
                    return;
                }
                socket = webSocket;
            }
            writeDirect(webSocket, ConnectionFrames.write(new ConnectionFrames.Connect(clientIdentity, parameters)));
        });
    }

    /** The service accepted the connection: flush what waited, in order. */
    private void connected(String trid) {
        synchronized (lock) {
            transportId = trid;
            failedAttempts = 0;
        }
        firstConnection.complete(trid);
        for (Consumer<String> listener : connectListeners) {
            callbacks.execute(() -> listener.accept(trid));
        }
        writeNext();
    }

    /** The socket closed or could not open: tell the listeners, fail what waited for an ack, try again later. */
    private void dropped(WebSocket which, String reason) {
        long delay;
        synchronized (lock) {
            if (which != null && socket != which) {
                return; // an older socket's late news
            }
            boolean wasConnected = transportId != null;
            socket = null;
            transportId = null;
            writing = false;
            if (closed) {
                return;
            }
            if (!wasConnected) {
                failedAttempts++;
            }
            delay = backoffMillis(failedAttempts);
        }
        if (!firstConnection.isDone()) {
            firstConnection.completeExceptionally(new IOException(reason));
        }
        IOException lost = new IOException("the connection dropped before the acknowledgement: " + reason);
        awaitingAck.values().forEach(f -> f.completeExceptionally(lost));
        if (outage == Outage.FAIL) {
            failOutbox(new IOException("not connected: " + reason));
        }
        for (Consumer<String> listener : disconnectListeners) {
            callbacks.execute(() -> listener.accept(reason));
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}; reconnecting in {2} ms", uri, reason, delay);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::attempt);
    }

    /** Exponential from the initial delay, capped, with jitter: a random point in the upper half of the step. */
    long backoffMillis(int failures) {
        double step = initialBackoff.toMillis() * Math.pow(2, Math.max(0, failures - 1));
        double capped = Math.min(step, maxBackoff.toMillis());
        return (long) (capped / 2 + ThreadLocalRandom.current().nextDouble() * capped / 2);
    }

    // ---- sending ----

    private CompletableFuture<Void> enqueue(Frame frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        boolean start;
        synchronized (lock) {
            if (closed) {
                written.completeExceptionally(new IOException("the message client is closed"));
                return written;
            }
            if (transportId == null && outage == Outage.FAIL) {
                written.completeExceptionally(new IOException("not connected to " + uri));
                return written;
            }
            if (outbox.size() >= queueCapacity) {
                written.completeExceptionally(new IOException("the send queue is full (" + queueCapacity
                        + " messages wait)"));
                return written;
            }
            outbox.add(new Outgoing(ConnectionFrames.write(frame), written));
            start = transportId != null && !writing;
        }
        if (start) {
            writeNext();
        }
        return written;
    }

    private void writeNext() {
        Outgoing next;
        WebSocket target;
        synchronized (lock) {
            if (socket == null || transportId == null || writing || outbox.isEmpty()) {
                return;
            }
            next = outbox.poll();
            target = socket;
            writing = true;
        }
        target.sendText(next.text(), true).whenComplete((ws, e) -> {
            synchronized (lock) {
                writing = false;
            }
            if (e != null) {
                next.written().completeExceptionally(e);
            } else {
                next.written().complete(null);
            }
            writeNext();
        });
    }

    /** The connect frame and call results, outside the outbox (they belong to this socket only). */
    private void writeDirect(WebSocket target, String text) {
        synchronized (lock) {
            if (writing) {
                outbox.addFirst(new Outgoing(text, new CompletableFuture<>()));
                return;
            }
            writing = true;
        }
        target.sendText(text, true).whenComplete((ws, e) -> {
            synchronized (lock) {
                writing = false;
            }
            writeNext();
        });
    }

    private void failOutbox(IOException reason) {
        List<Outgoing> failed;
        synchronized (lock) {
            failed = List.copyOf(outbox);
            outbox.clear();
        }
        failed.forEach(o -> o.written().completeExceptionally(reason));
    }

    // ---- receiving ----

    private void received(WebSocket which, String text) {
        Frame frame;
        try {
            frame = ConnectionFrames.parse(text, maxJsonDepth);
        } catch (ArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} sent an unreadable frame: {1}", uri, e.getMessage());
            which.sendClose(1002, "unreadable frame").exceptionally(x -> null);
            return;
        }
        if (frame instanceof ConnectionFrames.Connected c) {
            connected(c.transportId());
        } else if (frame instanceof ConnectionFrames.Message m) {
            ReceivedMessage message = new ReceivedMessage(m.name(), m.fields());
            for (String key : List.of(m.name(), ALL)) {
                for (Consumer<ReceivedMessage> callback : subscriptions.getOrDefault(key, List.of())) {
                    callbacks.execute(() -> callback.accept(message));
                }
            }
        } else if (frame instanceof ConnectionFrames.Ack a) {
            Optional.ofNullable(awaitingAck.remove(a.ack())).ifPresent(f -> f.complete(null));
        } else if (frame instanceof ConnectionFrames.ErrorFrame e) {
            ServiceRefusal refusal = new ServiceRefusal(e.errno(), e.message());
            if (e.ack().isPresent()) {
                Optional.ofNullable(awaitingAck.remove(e.ack().get())).ifPresent(f -> f.completeExceptionally(refusal));
            } else if (!firstConnection.isDone()) {
                firstConnection.completeExceptionally(refusal);
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", uri, e.message());
        } else if (frame instanceof ConnectionFrames.Call call) {
            callbacks.execute(() -> {
                Result<?> result = callHandlers.call(call.method(), call.args());
                String reply = result.isOk() ? JEncode.ok(result.value()) : JEncode.error(result.errno(),
                        result.message());
                writeDirect(which, ConnectionFrames.write(new ConnectionFrames.CallResult(call.call(),
                        (JsonObject) JEncode.parse(reply))));
            });
        }
    }

    /** Collects a frame's fragments and hands each whole frame over. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped(webSocket, "the service closed the connection (" + statusCode
                    + (reason.isEmpty() ? "" : ": " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped(webSocket, "the connection failed: " + rootMessage(error));
        }
    }

    private static JsonObject fieldsOf(Map<String, ?> fields) {
        return (JsonObject) JEncode.parse(JEncode.encode(fields));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** A refusal the service sent as an error frame. */
    public static final class ServiceRefusal extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int errno;

        ServiceRefusal(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        /** DIRAC's error number; {@link Errors#EACCES} for a rule's refusal. */
        public int errno() {
            return errno;
        }
    }

    /** Builds a {@link MessageClient}. */
    public static final class Builder {

        private URI url;
        private ClientCredentials credentials = ClientCredentials.none();
        private ClientTrust trust;
        private String clientIdentity = UUID.randomUUID().toString();
        private Map<String, ?> parameters = Map.of();
        private Outage outage = Outage.QUEUE;
        private int queueCapacity = 1000;
        private Duration ackTimeout = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The service: {@code https://host:port/<System>/<Component>}. */
        public Builder url(String serviceUrl) {
            URI parsed = URI.create(serviceUrl.trim());
            if (!"https".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("not an https service URL: " + serviceUrl);
            }
            this.url = parsed;
            return this;
        }

        public Builder credentials(ClientCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Which servers to trust; by default {@link ClientTrust#defaults()}. */
        public Builder trust(ClientTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The identity kept across reconnections; by default a random one for this client's life. */
        public Builder clientIdentity(String identity) {
            this.clientIdentity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** What the service's connect callback gets (DISET's connection keyword arguments). */
        public Builder parameters(Map<String, ?> parameters) {
            this.parameters = Map.copyOf(parameters);
            return this;
        }

        /** What sends do while disconnected, and how many messages may wait (default: queue up to 1,000). */
        public Builder whileDisconnected(Outage outage, int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("the queue holds at least one message");
            }
            this.outage = Objects.requireNonNull(outage, "outage");
            this.queueCapacity = capacity;
            return this;
        }

        /** How long {@link MessageClient#sendWithAck} waits (default 30 s, DISET's). */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = positive(timeout);
            return this;
        }

        /** The first reconnection delay and the cap of the exponential backoff (default 0.5 s and 30 s). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial);
            this.maxBackoff = positive(max);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        public MessageClient build() {
            if (url == null) {
                throw new IllegalStateException("no URL: give the service's, https://host:port/<System>/<Component>");
            }
            credentials.checkUsableAt(Instant.now());
            return new MessageClient(this, trust != null ? trust : ClientTrust.defaults());
        }

        private static Duration positive(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("must be positive: " + duration);
            }
            return duration;
        }
    }
}
