package io.gatehouse.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatehouse.api.wire.ChecksumDigester;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.api.wire.Transfers;

/**
 * A file service as {@link Transfers} describes it, for tests: {@code streamToClient(name)} (any method name: the
 * file is the first argument) serves {@link #files}, with Range, {@code transferChecksum(id)}, and streamed
 * uploads ({@code POST ?method=...&args=...}, octet-stream) kept in {@link #uploads}. The file {@code secret} is
 * refused (403), {@code revoked} too (401, as for a certificate no longer accepted); a name not in {@link #files}
 * is a 404 S_ERROR (ENOENT). {@link #mode} and {@link #uploadMode}
 * make it misbehave.
 */
public final class FakeFileService implements HttpHandler {

    /** How downloads go. */
    public enum Mode {
        /** As the contract says. */
        NORMAL,
        /** The first body announces its length, sends half and closes the connection. */
        CUT_FIRST,
        /** The first body sends half, then nothing for 3 s. */
        STALL_FIRST,
        /** Every body in 16 pieces, 100 ms apart. */
        SLOW,
        /** transferChecksum answers another SHA-256. */
        WRONG_CHECKSUM,
        /** No Gatehouse-Transfer header (as a DIRAC server). */
        NO_TRANSFER_ID,
        /** Range headers are ignored: always 200 and the whole file. */
        IGNORE_RANGE,
    }

    /** How uploads are answered. */
    public enum UploadMode { NORMAL, BAD_HEADER, NO_HEADER, TOO_LARGE }

    /** One request as the service saw it. */
    public record Request(String method, String args, String range, String query, String contentType,
                          String extraCredentials, String rawContent, byte[] body) {
    }

    public final Map<String, byte[]> files = new ConcurrentHashMap<>();
    public final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public volatile Mode mode = Mode.NORMAL;
    public volatile UploadMode uploadMode = UploadMode.NORMAL;
    private final Map<String, byte[]> transfers = new ConcurrentHashMap<>();
    private final AtomicInteger bodies = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    /** Forgets requests and files, back to normal. */
    public void reset() {
        files.clear();
        uploads.clear();
        requests.clear();
        transfers.clear();
        bodies.set(0);
        mode = Mode.NORMAL;
        uploadMode = UploadMode.NORMAL;
    }

    /** The download requests (not the checksum calls). */
    public List<Request> downloads() {
        return requests.stream().filter(r -> r.query() == null && !r.method().equals(Transfers.CHECKSUM_METHOD))
                .toList();
    }

    public static Transfers.Checksum checksum(byte[] content) {
        ChecksumDigester digester = new ChecksumDigester();
        digester.update(content, 0, content.length);
        return digester.finish();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                upload(exchange, parse(query));
                return;
            }
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String method = form.getOrDefault("method", "");
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(new Request(method, form.get("args"), range, null, null, form.get("extraCredentials"),
                    form.get("rawContent"), null));
            JsonArray args = JEncode.parseArgs(form.getOrDefault("args", "[]"));
            if (method.equals(Transfers.CHECKSUM_METHOD)) {
                byte[] content = transfers.get(args.getString(0));
                if (content == null) {
                    json(exchange, 200, JEncode.error(2, "no transfer " + args.getString(0)));
                    return;
                }
                Transfers.Checksum sum = checksum(content);
                if (mode == Mode.WRONG_CHECKSUM) {
                    sum = new Transfers.Checksum(sum.size(), sum.adler32(), "0".repeat(64));
                }
                json(exchange, 200, "{\"OK\":true,\"Value\":" + Json.createObjectBuilder(sum.toValue()).build() + "}");
                return;
            }
            download(exchange, args.isEmpty() ? "" : args.getString(0), range);
        }
    }

    private void download(HttpExchange exchange, String name, String range) throws IOException {
        if (name.equals("secret")) {
            json(exchange, 403, JEncode.error(13, "secret is not for you"));
            return;
        }
        if (name.equals("revoked")) {
            json(exchange, 401, JEncode.error(13, "the certificate chain is no longer accepted: revoked"));
            return;
        }
        byte[] content = files.get(name);
        if (content == null) {
            json(exchange, 404, JEncode.error(2, "No such file: " + name));
            return;
        }
        int offset = 0;
        if (range != null && mode != Mode.IGNORE_RANGE) {
            offset = Integer.parseInt(range.replace("bytes=", "").replace("-", "").trim());
        }
        if (offset > 0 && offset >= content.length) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
            json(exchange, 416, JEncode.error(22, "range bytes=" + offset + "- is beyond the file's " + content.length
                    + " bytes"));
            return;
        }
        String id = "t" + ids.incrementAndGet();
        transfers.put(id, content);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (mode != Mode.NO_TRANSFER_ID) {
            exchange.getResponseHeaders().set(Transfers.TRANSFER_HEADER, id);
        }
        int length = content.length - offset;
        if (offset > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + offset + "-" + (content.length - 1) + "/"
                    + content.length);
        }
        exchange.sendResponseHeaders(offset > 0 ? 206 : 200, length);
        int body = bodies.incrementAndGet();
        OutputStream out = exchange.getResponseBody();
        try {
            if (body == 1 && (mode == Mode.CUT_FIRST || mode == Mode.STALL_FIRST)) {
                out.write(content, offset, length / 2);
                out.flush();
                if (mode == Mode.STALL_FIRST) {
                    Thread.sleep(3000);
                }
                // Too few bytes: an exception out of the handler makes the JDK's server close the connection
                // (closing the stream alone would leave it open, waiting).
                throw new IllegalStateException("the body is cut short on purpose");
            }
            if (mode == Mode.SLOW) {
                int piece = (length + 15) / 16;
                for (int at = 0; at < length; at += piece) {
                    out.write(content, offset + at, Math.min(piece, length - at));
                    out.flush();
                    Thread.sleep(100);
                }
            } else {
                out.write(content, offset, length);
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away, or the body was cut on purpose
        }
    }

    private void upload(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = query.getOrDefault(Transfers.METHOD_PARAMETER, "");
        String args = query.get(Transfers.ARGS_PARAMETER);
        requests.add(new Request(method, args, null, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                query.get(Transfers.EXTRA_CREDENTIALS_PARAMETER), null, body));
        if (uploadMode == UploadMode.TOO_LARGE) {
            json(exchange, 413, JEncode.error(27, "the upload is over the service's limit of 10 bytes"));
            return;
        }
        JsonArray arguments = JEncode.parseArgs(args == null ? "[]" : args);
        String name = arguments.isEmpty() ? "upload" : arguments.getString(0);
        uploads.put(name, body);
        Transfers.Checksum sum = checksum(body);
        if (uploadMode == UploadMode.BAD_HEADER) {
            sum = new Transfers.Checksum(sum.size(), "00000000", sum.sha256());
        }
        exchange.getResponseHeaders().set(Transfers.TRANSFER_HEADER, "u" + ids.incrementAndGet());
        if (uploadMode != UploadMode.NO_HEADER) {
            exchange.getResponseHeaders().set(Transfers.CHECKSUM_HEADER, sum.toHeader());
        }
        JsonValue value = Json.createObjectBuilder().add("stored", name).add("size", body.length).build();
        json(exchange, 200, "{\"OK\":true,\"Value\":" + value + "}");
    }

    private static void json(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }
}
