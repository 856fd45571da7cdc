package io.gatehouse.runtime.dispatch;

import io.gatehouse.api.Errors;
import io.gatehouse.api.wire.JEncode;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Builds every reply the services send: S_OK/S_ERROR JSON (PROTOCOL.md §5) or raw content, gzip-compressed when
 * the caller accepts it and the body is at least {@value #GZIP_THRESHOLD} bytes.
 */
public final class Replies {

    /** Bodies smaller than this are not worth compressing (DIRAC's threshold). */
    static final int GZIP_THRESHOLD = 1024;
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

    private Replies() {
    }

    /** HTTP 200 with {@code {"OK": true, "Value": value}}. */
    public static Response ok(Object value, String acceptEncoding) {
        return build(200, JSON, JEncode.ok(value).getBytes(StandardCharsets.UTF_8), acceptEncoding);
    }

    /** HTTP 200 with {@code {"OK": false, ...}}: a failure the method itself reported. */
    public static Response error(int errno, String message, String acceptEncoding) {
        return failure(200, errno, message, acceptEncoding);
    }

    /** A failure with its status and an S_ERROR body, and {@code Retry-After} when the failure says when. */
    public static Response failure(CallFailure failure, String acceptEncoding) {
        Response reply = failure(failure.status(), failure.errno(), failure.getMessage(), acceptEncoding);
        return failure.retryAfterSeconds() > 0
                ? Response.fromResponse(reply).header(HttpHeaders.RETRY_AFTER, failure.retryAfterSeconds()).build()
                : reply;
    }

    /**
     * A failure with its status and an S_ERROR body. A 413 also closes the connection: the rest of the body is not
     * worth reading, and the container would otherwise read past it to keep the connection.
     */
    public static Response failure(int status, int errno, String message, String acceptEncoding) {
        Response reply = build(status, JSON, JEncode.error(errno, message).getBytes(StandardCharsets.UTF_8),
                acceptEncoding);
        return status == 413 ? Response.fromResponse(reply).header("Connection", "close").build() : reply;
    }

    /**
     * The status of a failure reported by a method whose reply is raw content, by its error number: 404 for ENOENT,
     * 403 for EACCES and EPERM, 400 for EINVAL and EISDIR, 413 for EFBIG, 503 for EAGAIN, 504 for ETIMEDOUT,
     * else 500.
     */
    public static int statusOf(int errno) {
        return switch (errno) {
            case Errors.ENOENT -> 404;
            case Errors.EACCES, Errors.EPERM -> 403;
            case Errors.EINVAL, Errors.EISDIR -> 400;
            case Errors.EFBIG -> 413;
            case Errors.ETIMEDOUT -> 504;
            case Errors.EAGAIN -> 503;
            default -> 500;
        };
    }

    /** HTTP 200 with the bytes as {@code application/octet-stream}: a {@code rawContent} reply. */
    public static Response raw(byte[] content, String acceptEncoding) {
        return build(200, MediaType.APPLICATION_OCTET_STREAM_TYPE, content, acceptEncoding);
    }

    // Only a body long enough to be compressed can differ by Accept-Encoding, so only such a reply says Vary.
    private static Response build(int status, MediaType type, byte[] body, String acceptEncoding) {
        if (body.length < GZIP_THRESHOLD || type == MediaType.APPLICATION_OCTET_STREAM_TYPE) {
            return Response.status(status).type(type).entity(body).build();
        }
        Response.ResponseBuilder reply = Response.status(status).type(type)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (acceptsGzip(acceptEncoding)) {
            return reply.header(HttpHeaders.CONTENT_ENCODING, "gzip").entity(gzip(body)).build();
        }
        return reply.entity(body).build();
    }

    /** True when {@code Accept-Encoding} lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.trim().toLowerCase(Locale.ROOT).split(";");
            String coding = parts[0].trim();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].replace(" ", "");
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
