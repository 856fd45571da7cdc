package io.gatehouse.client;

import io.gatehouse.api.Errors;

import jakarta.json.bind.JsonbException;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gatehouse.api.wire.JEncode;
import io.gatehouse.api.wire.Transfers;
import io.gatehouse.client.description.ServerDescription;
import io.gatehouse.client.description.ServiceDescription;

/**
 * A client of one Gatehouse (or DIRAC HTTPS) service: {@code POST https://host:port/<System>/<Component>} with the
 * form fields {@code method}, {@code args} and {@code extraCredentials}, over mutual TLS with grid credentials.
 *
 * <pre>{@code
 * try (GatehouseClient hello = GatehouseClient.builder()
 *         .url("https://gatehouse.example.org:8443/Framework/Hello")
 *         .credentials(ClientCredentials.defaultProxy())
 *         .build()) {
 *     CallResult result = hello.call("sayHello", "world");
 *     if (result.ok()) {
 *         System.out.println(result.value(String.class));
 *     } else {
 *         System.err.println(result.errno() + ": " + result.message());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Failover, and why calls are never repeated.</b> A call goes to the first URL; it moves on to the next only
 * when it cannot have reached the method: the connection was refused or timed out, the host is unknown, the TLS
 * handshake failed, the request had not started to be sent, or the server answered 404 or 503 (no method ran).
 * Once the request may have been sent, whatever happens next (a read timeout, a reset connection, a 500) ends the
 * call with an error result: DIRAC's Python client retries there and may run a non-idempotent method twice
 * (PROTOCOL.md §10); this client does not, and says so in the message.
 *
 * <p><b>Connections.</b> When pooled (the default), one {@link HttpClient} serves every call: connections are kept
 * alive and TLS sessions resumed. Not pooled, every call makes a new TLS context and connection, like DIRAC's
 * Python client, for comparison. File transfers go over {@code HttpsURLConnection}'s blocking sockets (faster for
 * large bodies), with a TLS context of their own, kept likewise.
 *
 * <p><b>Files.</b> {@link #receiveFile} and {@link #sendFile} stream a file from or to a service at constant memory,
 * verified end to end with adler32 and SHA-256, a download resuming where it stopped (see {@link Transfers}).
 *
 * <p><b>Descriptions.</b> {@link #describe()} and {@link #services()} read what the server says about its services
 * ({@code GET} with {@code Accept: application/json}, replies held to a few MiB); being reads, they go on to the next
 * URL after any failure that brought no reply.
 *
 * <p>Thread-safe: one client serves concurrent calls.
 */
public final class GatehouseClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GatehouseClient.class.getName());

    private final List<URI> urls;
    private final ClientCredentials credentials;
    private final String extraCredentials;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean pooled;
    /** Shared by pooled and per-call TLS contexts: it holds the trust (CA directory, CRLs), not session state. */
    private final ServerTrustManager trustManager;
    private final HttpClient sharedClient;
    /** File transfers' sockets, when pooled: made at the first transfer. */
    private volatile TransferSockets transferSockets;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatehouseClient(Builder builder, List<URI> urls, ClientTrust trust) {
        this.urls = List.copyOf(urls);
        this.credentials = builder.credentials;
        this.extraCredentials = builder.extraCredentials;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.pooled = builder.pooled;
        this.trustManager = new ServerTrustManager(trust.validator(), trust.description());
        this.sharedClient = pooled ? newHttpClient() : null;
    }

    /** A builder; at least one {@link Builder#url} is needed. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls method with positional args (encoded with JEncode); never throws for an answer the server gave.
     * Every outcome (the service's {@code S_OK} or {@code S_ERROR}, an HTTP error status, a failure to connect,
     * a timeout) is a {@link CallResult}.
     *
     * @param method the exported method's name
     * @param args   its arguments, in order; each is encoded as JEncode JSON (dates, datetimes and byte arrays
     *               tagged)
     * @throws IllegalArgumentException when the method name is empty or an argument cannot be encoded
     * @throws IllegalStateException    when the client is closed
     */
    public CallResult call(String method, Object... args) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("the method name is empty");
        }
        if (closed.get()) {
            throw new IllegalStateException("this client is closed");
        }
        byte[] form = form(method, encodeArguments(method, args));
        List<Attempt> missed = new ArrayList<>();
        for (URI url : urls) {
            Attempt attempt = attempt(url, form, method);
            if (attempt.reachedMethod()) {
                return attempt.result();
            }
            missed.add(attempt);
            LOG.log(System.Logger.Level.DEBUG, () -> "call of " + method + " did not reach " + url + " ("
                    + attempt.failure() + ")" + (missed.size() < urls.size() ? ", trying the next URL" : ""));
        }
        return noUrlServed(missed);
    }

    /**
     * A typed client: each interface method calls the exported method of the same name (or {@link Remote @Remote}'s
     * name), with its arguments in order. A method returning {@link CallResult} gets the raw result; any other
     * return type ({@code void}, or anything {@link JEncode#bind} handles, generic types included) gets the bound
     * value, and a failed call throws {@link CallException}. {@code toString}, {@code equals} and {@code hashCode}
     * are answered locally; default methods run as written.
     *
     * @throws IllegalArgumentException when the class is not an interface, or a method's return type cannot be
     *                                  bound
     */
    public <T> T typed(Class<T> serviceInterface) {
        Objects.requireNonNull(serviceInterface, "serviceInterface");
        TypedClient handler = new TypedClient(this, serviceInterface);
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                handler);
        return serviceInterface.cast(proxy);
    }

    /**
     * Downloads a file the way DIRAC's {@code TornadoClient.receiveFile(destination, *args)} does: calls
     * {@link Transfers#DOWNLOAD_METHOD streamToClient} with these arguments, with the default
     * {@link TransferOptions}. See {@link #receiveFile(Path, TransferOptions, String, Object...)}.
     */
    public FileTransfer receiveFile(Path destination, Object... args) {
        return receiveFile(destination, TransferOptions.defaults(), Transfers.DOWNLOAD_METHOD, args);
    }

    /**
     * Downloads what {@code method(args...)} returns into {@code destination}, streamed at constant memory
     * (PROTOCOL.md §9, {@link Transfers}): the body goes to {@code <destination>.part} while its adler32 and SHA-256
     * are computed, a body cut short or stalled is resumed with an HTTP Range (up to
     * {@link TransferOptions#maxAttempts()} requests), then the server's checksum of the whole content
     * ({@link Transfers#CHECKSUM_METHOD}) is compared with the local file's, and only when they match is the
     * {@code .part} renamed, atomically where the file system allows, onto {@code destination}.
     *
     * <p>Never throws for an answer the server gave: an S_ERROR before the first byte leaves {@code destination}
     * untouched and is reported with the server's errno and message; a checksum mismatch deletes the {@code .part}
     * and fails with {@code EIO}. A download is a read: unlike {@link #call}, it goes on to a failover URL, and
     * resumes, after its request may have reached the method.
     *
     * @param destination the file to write; its directory must exist; an existing file is replaced on success
     * @param options     progress, resume, attempts, stall timeout
     * @param method      the download method, {@link Transfers#DOWNLOAD_METHOD} by convention
     * @param args        its arguments, encoded as {@link #call}'s are
     * @throws IllegalArgumentException when the method name is empty or an argument cannot be encoded
     * @throws IllegalStateException    when the client is closed
     */
    public FileTransfer receiveFile(Path destination, TransferOptions options, String method, Object... args) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(options, "options");
        String encoded = checkCall(method, args);
        return new FileTransfers(this).receive(destination, options, method, encoded);
    }

    /**
     * Uploads a file to {@link Transfers#UPLOAD_METHOD streamFromClient} with these (other) arguments and the
     * default {@link TransferOptions}. See {@link #sendFile(Path, TransferOptions, String, Object...)}.
     */
    public FileTransfer sendFile(Path source, Object... args) {
        return sendFile(source, TransferOptions.defaults(), Transfers.UPLOAD_METHOD, args);
    }

    /**
     * Uploads {@code source} as the body of a call of {@code method} (PROTOCOL.md §9, {@link Transfers}):
     * {@code POST <url>?method=...&args=...}, {@code application/octet-stream}, the file streamed from disk with its
     * length announced, its adler32 and SHA-256 computed as it goes out, then compared with the
     * {@link Transfers#CHECKSUM_HEADER} of the method's reply. An {@code S_OK} whose header is missing or does not
     * match is a failure ({@code EIO}); {@link FileTransfer#result()} holds the method's reply either way.
     *
     * <p>Failover follows {@link #call}'s rules: once the body may have started to go out, the upload is not
     * repeated. The progress listener and the stall timeout of {@code options} apply; resume and attempts do not.
     *
     * @param source the file to send (a regular file)
     * @param args   the method's other arguments (the file is its stream parameter), encoded as {@link #call}'s are
     * @throws IllegalArgumentException when the method name is empty or an argument cannot be encoded
     * @throws IllegalStateException    when the client is closed
     */
    public FileTransfer sendFile(Path source, TransferOptions options, String method, Object... args) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        String encoded = checkCall(method, args);
        return new FileTransfers(this).send(source, options, method, encoded);
    }

    /**
     * This client's service as its server describes it to this client's credentials ({@code GET} of the URL, which
     * names the service): its methods with their signatures, docs and effective rules, its messages. A visitor's
     * description may leave out methods it may not call ({@link ServiceDescription#complete()} is then false).
     *
     * @throws CallException         when no description came: the server's S_ERROR (404 for an unknown service,
     *                               with its message), 401/403 ({@code EACCES}), a failure to connect or a timeout,
     *                               a reply larger than a description can be ({@code EFBIG}) or one that is not a
     *                               description ({@code EIO})
     * @throws IllegalStateException when the client's URL names no service, or the client is closed
     */
    public ServiceDescription describe() {
        return Descriptions.bind(describeResult(), ServiceDescription.class, "a service description");
    }

    /**
     * Another service of the same server(s), {@code System/Component}, described as {@link #describe()} does:
     * {@code GET} of the service's URL beside this client's URL (its last two path segments replaced).
     *
     * @throws IllegalArgumentException when the name is not {@code System/Component}
     * @throws CallException            as for {@link #describe()}
     */
    public ServiceDescription describe(String service) {
        return Descriptions.bind(describeResult(service), ServiceDescription.class, "a service description");
    }

    /**
     * The server and its deployed services ({@code GET /}, the root being this client's URL without its
     * {@code System/Component}).
     *
     * @throws CallException as for {@link #describe()}
     */
    public ServerDescription services() {
        return Descriptions.bind(servicesResult(), ServerDescription.class, "a list of services");
    }

    /**
     * The reply to {@link #describe()} as it came: its {@code Value} is the description's JSON. Never throws for
     * an answer or a failure: like {@link #call}'s, every outcome is a {@link CallResult}.
     *
     * @throws IllegalStateException when the client's URL names no service, or the client is closed
     */
    public CallResult describeResult() {
        requireOpen();
        for (URI url : urls) {
            Descriptions.ownService(url);
        }
        return new Descriptions(this).get(Descriptions::ownService);
    }

    /** The reply to {@link #describe(String)} as it came; see {@link #describeResult()}. */
    public CallResult describeResult(String service) {
        Objects.requireNonNull(service, "service");
        Descriptions.checkService(service);
        requireOpen();
        return new Descriptions(this).get(url -> Descriptions.service(url, service));
    }

    /** The reply to {@link #services()} as it came; see {@link #describeResult()}. */
    public CallResult servicesResult() {
        requireOpen();
        return new Descriptions(this).get(Descriptions::root);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this client is closed");
        }
    }

    private String checkCall(String method, Object[] args) {
        Objects.requireNonNull(method, "method");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("the method name is empty");
        }
        if (closed.get()) {
            throw new IllegalStateException("this client is closed");
        }
        return encodeArguments(method, args);
    }

    // ---- for FileTransfers ----

    /**
     * The TLS sockets of file transfers: when pooled, the client's own, made at its first transfer and kept (its
     * TLS sessions and kept-alive connections serve every later transfer); not pooled, a new TLS context each time.
     */
    TransferSockets transferSockets() {
        if (!pooled) {
            return Tls.transferSockets(credentials, trustManager);
        }
        TransferSockets sockets = transferSockets;
        if (sockets == null) {
            synchronized (this) {
                sockets = transferSockets;
                if (sockets == null) {
                    sockets = Tls.transferSockets(credentials, trustManager);
                    transferSockets = sockets;
                }
            }
        }
        return sockets;
    }

    /** Runs an exchange on this client's HTTP client: the shared one when pooled, else a new one for it alone. */
    <T> T withHttpClient(java.util.function.Function<HttpClient, T> exchange) {
        HttpClient client = pooled ? sharedClient : newHttpClient();
        try {
            return exchange.apply(client);
        } finally {
            if (!pooled) {
                release(client);
            }
        }
    }

    /** Whether connections are kept alive for later exchanges. */
    boolean pooled() {
        return pooled;
    }

    /**
     * A POST to {@code target} for a file transfer, not yet connected: over {@code sockets}, no proxy, no redirect
     * followed, no cache, the connect timeout for the TCP connection and {@code stall} for every read (the TLS
     * handshake's, the reply's, each piece of a body's: no byte for that long).
     */
    HttpsURLConnection transferConnection(URI target, TransferSockets sockets, Duration stall) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) target.toURL().openConnection(java.net.Proxy.NO_PROXY);
        connection.setSSLSocketFactory(sockets);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(stall));
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        return connection;
    }

    /** A positive timeout in milliseconds for {@code URLConnection} (where 0 would mean none). */
    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** The JSON text of extraCredentials, or null. */
    String extraCredentials() {
        return extraCredentials;
    }

    /** The URLs, main URL first, then the failover URLs in the order they are tried. */
    public List<URI> urls() {
        return urls;
    }

    /** The credentials presented to servers. */
    public ClientCredentials credentials() {
        return credentials;
    }

    /**
     * Refuses further calls. The JDK's HTTP client of Java 21 and later is closed too; on Java 17, which has no
     * way to close it, its idle connections are closed when it is garbage collected or the server drops them.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && sharedClient != null) {
            release(sharedClient);
        }
    }

    @Override
    public String toString() {
        return "GatehouseClient" + urls + " as " + credentials;
    }

    // ---- one URL ----

    Attempt attempt(URI url, byte[] form, String method) {
        HttpClient client = pooled ? sharedClient : newHttpClient();
        try {
            return exchange(client, url, form, method);
        } finally {
            if (!pooled) {
                release(client);
            }
        }
    }

    private Attempt exchange(HttpClient client, URI url, byte[] form, String method) {
        TrackedBody body = new TrackedBody(form);
        HttpRequest request = HttpRequest.newBuilder(url)
                .version(HttpClient.Version.HTTP_1_1)
                // A backstop only: the JDK's request timer stops when the headers arrive; the deadlines below
                // cover the connection, then the whole reply.
                .timeout(connectTimeout.plus(readTimeout))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(body)
                .build();
        // The JDK client itself repeats a request only for GET and HEAD, or when its connection was refused
        // (nothing sent): never a POST that may have been sent, unless the JVM sets
        // jdk.httpclient.enableAllMethodRetry, which this library never does.
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // 1. Connection (DNS, TCP, TLS), up to the moment the form starts to go out: connectTimeout.
            try {
                CompletableFuture.anyOf(future, body.sending()).get(connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (body.abandon()) {
                    future.cancel(true);
                    return Attempt.notReached(url, "no connection within " + seconds(connectTimeout), null);
                }
                // The form started to go out at this very moment: from now on it is a sent call.
            } catch (ExecutionException e) {
                // The exchange failed; its cause is read from the future below.
            }
            // 2. The whole reply, from the moment the form started to go out: readTimeout.
            if (!future.isDone()) {
                long remaining = readTimeout.toNanos() - (System.nanoTime() - body.sendingSince());
                try {
                    future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    return Attempt.reached(readTimedOut(url));
                } catch (ExecutionException e) {
                    // read below
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = future.get();
            } catch (ExecutionException e) {
                return failed(url, e.getCause() != null ? e.getCause() : e, body);
            }
            return Replies.read(url, method, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boolean neverSent = body.abandon();
            future.cancel(true);
            return Attempt.reached(CallResult.error(Errors.EINTR, "interrupted while calling " + url
                    + (neverSent ? " before the request was sent" : ": the call may or may not have run"), 0, url));
        } catch (CancellationException e) {
            return failed(url, e, body);
        }
    }

    /** A failure without a reply: another URL may be tried only if the request cannot have reached the method. */
    Attempt failed(URI url, Throwable cause, TrackedBody body) {
        String unreached = Failures.unreachedReason(cause, connectTimeout);
        if (unreached != null) {
            body.abandon();
            return Attempt.notReached(url, unreached, null);
        }
        if (body.abandon()) {
            return Attempt.notReached(url, "the connection failed before the request was sent: "
                    + Failures.describe(cause), null);
        }
        if (Failures.isTimeout(cause)) {
            return Attempt.reached(readTimedOut(url));
        }
        return Attempt.reached(lostAfterSending(url, cause));
    }

    /** The connection failed once the request may have reached the method. */
    CallResult lostAfterSending(URI url, Throwable cause) {
        return CallResult.error(Errors.EIO, "the connection to " + url
                + " failed after the request was sent (" + Failures.describe(cause)
                + "): the call may or may not have run on the server; it was NOT retried"
                + (Failures.isDroppedConnection(cause) && !credentials.isNone()
                        ? " (a server that refuses the client's certificate also drops the connection this way)"
                        : ""), 0, url);
    }

    private CallResult readTimedOut(URI url) {
        return CallResult.error(Errors.ETIMEDOUT, "no reply from " + url + " within " + seconds(readTimeout)
                + ": the call may or may not have run on the server; it was NOT retried", 0, url);
    }

    CallResult noUrlServed(List<Attempt> missed) {
        Attempt last = missed.get(missed.size() - 1);
        if (missed.size() == 1) {
            return last.result() != null ? last.result()
                    : CallResult.error(Errors.ECONNREFUSED, "cannot reach " + last.url() + ": " + last.failure(), 0,
                    last.url());
        }
        List<String> reasons = new ArrayList<>();
        CallResult lastReply = null;
        for (Attempt attempt : missed) {
            reasons.add(attempt.url() + ": " + attempt.failure());
            if (attempt.result() != null) {
                lastReply = attempt.result();
            }
        }
        String list = String.join("; ", reasons);
        if (lastReply != null) {
            return CallResult.error(lastReply.errno(), "none of the " + missed.size()
                    + " URLs could serve the call: " + list, lastReply.httpStatus(), lastReply.url());
        }
        return CallResult.error(Errors.ECONNREFUSED, "cannot reach any of the " + missed.size() + " URLs: " + list, 0,
                last.url());
    }

    // ---- the request ----

    static String encodeArguments(String method, Object[] args) {
        // call("m", (Object[]) null) and call("m") both mean no arguments; a single null is call("m", (Object) null).
        List<Object> list = args == null ? List.of() : Arrays.asList(args);
        try {
            return JEncode.encode(list);
        } catch (JsonbException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode the arguments of " + method + ": " + e.getMessage(), e);
        }
    }

    byte[] form(String method, String args) {
        StringBuilder form = new StringBuilder("method=").append(URLEncoder.encode(method, StandardCharsets.UTF_8))
                .append("&args=").append(URLEncoder.encode(args, StandardCharsets.UTF_8));
        if (extraCredentials != null) {
            form.append("&extraCredentials=").append(URLEncoder.encode(extraCredentials, StandardCharsets.UTF_8));
        }
        return form.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---- TLS and the JDK client ----

    HttpClient newHttpClient() {
        return Tls.httpClient(credentials, trustManager, connectTimeout);
    }

    static void release(HttpClient client) {
        // HttpClient is AutoCloseable from Java 21 on; on Java 17 there is nothing to call.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed", e);
            }
        }
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    /**
     * Builds a {@link GatehouseClient}. Not thread-safe; the client it builds is.
     */
    public static final class Builder {

        private final List<String> urls = new ArrayList<>();
        private ClientCredentials credentials = ClientCredentials.none();
        private ClientTrust trust;
        private String extraCredentials;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private boolean pooled = true;

        private Builder() {
        }

        /**
         * Adds a URL, {@code https://host:port/<System>/<Component>}. The first is the main URL, the others are
         * failover URLs, tried in the order they were added.
         */
        public Builder url(String url) {
            urls.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        /** Adds each of these URLs, in order, as {@link #url} would. */
        public Builder urls(List<String> urls) {
            Objects.requireNonNull(urls, "urls").forEach(this::url);
            return this;
        }

        /** What to present to servers; by default {@link ClientCredentials#none()}. */
        public Builder credentials(ClientCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Which servers to trust; by default {@link ClientTrust#defaults()}, looked up at {@link #build()}. */
        public Builder trust(ClientTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * Calls as a host: sends {@code extraCredentials "hosts"} (a JSON string, quotes included), so that the
         * server looks the certificate up among its hosts. Replaces an earlier {@link #delegate}.
         */
        public Builder asHost() {
            this.extraCredentials = JEncode.encode("hosts");
            return this;
        }

        /**
         * Calls for a user, as a trusted host: sends {@code extraCredentials ["<DN>", "<group>"]}. The server
         * honours it only from a registered host with the {@code TrustedHost} property. Replaces an earlier
         * {@link #asHost}.
         *
         * @param dn    the user's DN, OpenSSL one-line form ({@code /C=ch/O=Gatehouse/OU=Users/CN=alice})
         * @param group the DIRAC group to act in
         */
        public Builder delegate(String dn, String group) {
            Objects.requireNonNull(dn, "dn");
            Objects.requireNonNull(group, "group");
            if (dn.isBlank() || group.isBlank()) {
                throw new IllegalArgumentException("a delegation needs a DN and a group");
            }
            this.extraCredentials = JEncode.encode(List.of(dn, group));
            return this;
        }

        /** Time to connect to one URL: DNS, TCP and the TLS handshake, until the request starts to go out (10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Time to the whole reply, counted from when the request starts to go out (120 s). When it passes, the
         * call ends with {@link io.gatehouse.api.Errors#ETIMEDOUT}: the method may or may not have run, and it is not retried.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Whether calls share connections (true, the default: keep-alive and TLS session reuse) or each opens a
         * new TLS connection with a new TLS context (DIRAC's Python client's way; for comparison).
         */
        public Builder pooled(boolean pooled) {
            this.pooled = pooled;
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException    when there is no URL, when the credentials have expired or are not yet
         *                                  valid (the message says which certificate and what to do), or when the
         *                                  default trust has no CA directory
         * @throws IllegalArgumentException when a URL is not an absolute https URL with a host
         */
        public GatehouseClient build() {
            if (urls.isEmpty()) {
                throw new IllegalStateException("no URL: give at least one, https://host:port/<System>/<Component>");
            }
            List<URI> parsed = new ArrayList<>();
            for (String url : urls) {
                parsed.add(parseUrl(url));
            }
            credentials.checkUsableAt(Instant.now());
            ClientTrust effectiveTrust = trust != null ? trust : ClientTrust.defaults();
            return new GatehouseClient(this, parsed, effectiveTrust);
        }

        private static URI parseUrl(String text) {
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + text + " (" + e.getMessage() + ")", e);
            }
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an https URL: " + text
                        + " (Gatehouse services are served over HTTPS only)");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host in " + text);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("a service URL has no user, query or fragment: " + text);
            }
            return uri;
        }

        private static Duration positive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
