package io.gatehouse.client;

import io.gatehouse.api.Errors;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads what a server says about itself: {@code GET /} (its services) and {@code GET /<System>/<Component>} (a
 * service's description), JSON envelopes like a call's reply, over the client's TLS setup and timeouts.
 *
 * <p>A GET changes nothing on the server, so unlike a call it goes on to the next URL after any failure that
 * brought no reply (a timeout or a lost connection too), as well as after a 404 or 503. The body is held to
 * {@link #REPLY_LIMIT} bytes, compressed or not: a description is far smaller.
 */
final class Descriptions {

    /** The largest reply read: descriptions of large services with schemas are some hundreds of KiB. */
    static final int REPLY_LIMIT = 8 << 20;

    /** What the reply errors name as the method, for {@link Replies}. */
    private static final String WHAT = "describe";

    /** One letter, digit, '_', '.' or '-' at least, not "." or "..": a name DIRAC gives systems and components. */
    private static final Pattern SEGMENT = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]+");

    /** Built on first use: a plain JSON-B, which skips members the records do not have (a newer server's). */
    private static final class Binding {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private final GatehouseClient client;

    Descriptions(GatehouseClient client) {
        this.client = client;
    }

    /** GET of {@code target(url)} for each of the client's URLs in turn, until one answers. */
    CallResult get(UnaryOperator<URI> target) {
        List<Attempt> missed = new ArrayList<>();
        for (URI url : client.urls()) {
            Attempt attempt = client.withHttpClient(http -> fetch(http, target.apply(url)));
            if (attempt.reachedMethod()) {
                return attempt.result();
            }
            missed.add(attempt);
        }
        return client.noUrlServed(missed);
    }

    private Attempt fetch(HttpClient http, URI target) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(client.connectTimeout().plus(client.readTimeout()))
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, LimitedBody.handler(REPLY_LIMIT));
        HttpResponse<byte[]> response;
        try {
            // The JDK's request timeout stops at the headers: this deadline covers the whole reply.
            response = future.get(client.connectTimeout().plus(client.readTimeout()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Attempt.notReached(target, "no reply in time", timedOut(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Attempt.reached(CallResult.error(Errors.EINTR, "interrupted while reading " + target, 0, target));
        } catch (ExecutionException e) {
            return failed(target, e.getCause() != null ? e.getCause() : e);
        }
        byte[] body = response.body();
        HttpHeaders headers = response.headers();
        String encoding = headers.firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            try {
                body = gunzip(body);
            } catch (LimitedBody.TooLarge e) {
                return Attempt.reached(tooLarge(target, response.statusCode()));
            } catch (IOException e) {
                return Attempt.reached(CallResult.error(Errors.EIO, "the reply of " + target + " (HTTP "
                        + response.statusCode() + ") cannot be decompressed: " + e.getMessage(),
                        response.statusCode(), target));
            }
            headers = HttpHeaders.of(headers.map(), (name, value) -> !name.equalsIgnoreCase("Content-Encoding"));
        }
        return Replies.read(target, WHAT, response.statusCode(), headers, body);
    }

    private Attempt failed(URI target, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LimitedBody.TooLarge tooLarge) {
                return Attempt.reached(tooLarge(target, tooLarge.status()));
            }
        }
        String unreached = Failures.unreachedReason(cause, client.connectTimeout());
        if (unreached != null) {
            return Attempt.notReached(target, unreached, null);
        }
        if (Failures.isTimeout(cause)) {
            return Attempt.notReached(target, "no reply in time", timedOut(target));
        }
        String lost = "the connection failed before the whole reply came (" + Failures.describe(cause) + ")";
        return Attempt.notReached(target, lost, CallResult.error(Errors.EIO, "reading " + target + ": " + lost, 0,
                target));
    }

    private CallResult timedOut(URI target) {
        return CallResult.error(Errors.ETIMEDOUT, "no reply from " + target + " within "
                + GatehouseClient.seconds(client.connectTimeout().plus(client.readTimeout())), 0, target);
    }

    private static CallResult tooLarge(URI target, int status) {
        return CallResult.error(Errors.EFBIG, "the reply of " + target + " is larger than " + (REPLY_LIMIT >> 20)
                + " MiB, far more than a description: it was not read (is this a Gatehouse server?)", status, target);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] inflated = in.readNBytes(REPLY_LIMIT + 1);
            if (inflated.length > REPLY_LIMIT) {
                throw new LimitedBody.TooLarge(REPLY_LIMIT, 200);
            }
            return inflated;
        }
    }

    // ---- URLs ----

    /**
     * The server's root for a URL: the URL without its last two path segments ({@code System/Component}), or
     * the URL's own root when it names no service.
     */
    static URI root(URI url) {
        List<String> segments = segments(url);
        if (segments.size() < 2) {
            return url.resolve("/");
        }
        StringBuilder path = new StringBuilder("/");
        for (String segment : segments.subList(0, segments.size() - 2)) {
            path.append(segment).append('/');
        }
        return url.resolve(path.toString());
    }

    /** The URL's own service: the URL itself, when its path ends with {@code System/Component}. */
    static URI ownService(URI url) {
        if (segments(url).size() < 2) {
            throw new IllegalStateException(url + " names no service: it has no /System/Component path");
        }
        return url;
    }

    /** Service {@code System/Component} on the server of {@code url}. */
    static URI service(URI url, String service) {
        return root(url).resolve(checkService(service));
    }

    /**
     * The name checked: two path segments of letters, digits, '_', '.' and '-'.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String checkService(String service) {
        String[] parts = service.split("/", -1);
        if (parts.length != 2 || !SEGMENT.matcher(parts[0]).matches() || !SEGMENT.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("not a service name: '" + service
                    + "'; a service is named System/Component, e.g. Framework/Hello");
        }
        return service;
    }

    /** The URL's non-empty raw path segments. */
    static List<String> segments(URI url) {
        List<String> segments = new ArrayList<>();
        String path = url.getRawPath();
        if (path != null) {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
        }
        return segments;
    }

    // ---- binding ----

    /**
     * The S_OK value of {@code result} bound to a description record.
     *
     * @throws CallException for an S_ERROR or failure, and for a value that is not such a description
     */
    static <T> T bind(CallResult result, Class<T> type, String what) {
        result.orThrow();
        if (!(result.value() instanceof JsonObject value)) {
            throw new CallException("the reply of " + result.url() + " is not " + what + ": its value is "
                    + result.value().getValueType().toString().toLowerCase(Locale.ROOT), Errors.EIO,
                    result.httpStatus(), result.url());
        }
        try {
            return Binding.JSONB.fromJson(value.toString(), type);
        } catch (RuntimeException e) {
            throw new CallException("the reply of " + result.url() + " is not " + what + ": " + rootMessage(e),
                    Errors.EIO, result.httpStatus(), result.url(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
