package io.gatehouse.client;

import io.gatehouse.api.Errors;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

/**
 * Turns an HTTP reply into a call's outcome (PROTOCOL.md §5): 200 carries the service's {@code S_OK} or
 * {@code S_ERROR}; any other status is an error whose body, when it is the S_ERROR JSON Gatehouse sends, gives the
 * errno and message. 401 and 403 become {@code EACCES}, 413 {@code EFBIG}, 501 {@code ENOSYS}; 404 and 503 mean no
 * method ran, so the next URL may be tried.
 */
final class Replies {

    private static final int SNIPPET = 200;

    private Replies() {
    }

    static Attempt read(URI url, String method, HttpResponse<byte[]> response) {
        return read(url, method, response.statusCode(), response.headers(), response.body());
    }

    /** As {@link #read(URI, String, HttpResponse)}, from a reply's parts (a body read from a stream). */
    static Attempt read(URI url, String method, int status, HttpHeaders headers, byte[] body) {
        String text;
        try {
            text = new String(inflate(headers, body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Attempt.reached(CallResult.error(Errors.EIO, "the reply of " + url + " (HTTP " + status
                    + ") cannot be decompressed: " + e.getMessage(), status, url));
        }
        JsonObject json = parseObject(text);
        if (status == 200) {
            return Attempt.reached(fromStructure(url, json, text));
        }
        String serverMessage = json == null ? null : message(json);
        int serverErrno = json == null ? 0 : errno(json);
        String where = "HTTP " + status + " from " + url;
        String detail = serverMessage != null ? serverMessage + " (" + where + ")"
                : where + (text.isBlank() ? "" : json == null ? ", not JSON: " + snippet(text) : "");
        switch (status) {
            case 401, 403 -> {
                return Attempt.reached(CallResult.error(Errors.EACCES, "No access to " + url + ": "
                        + (serverMessage != null ? serverMessage : "HTTP " + status), status, url));
            }
            case 413 -> {
                // An upload refused before its body went out may come without the server's S_ERROR (the JDK's
                // HttpURLConnection keeps no body of a refused "Expect: 100-continue"): the status says enough.
                return Attempt.reached(CallResult.error(serverErrno != 0 ? serverErrno : Errors.EFBIG,
                        serverMessage != null ? detail : "the upload is larger than " + url + " accepts (" + where
                                + ")", status, url));
            }
            case 501 -> {
                return Attempt.reached(CallResult.error(Errors.ENOSYS, serverMessage != null ? detail
                        : method + " is not implemented (" + where + ")", status, url));
            }
            case 404, 503 -> {
                CallResult reply = CallResult.error(serverErrno, detail, status, url);
                return Attempt.notReached(url, "HTTP " + status
                        + (serverMessage != null ? " (" + serverMessage + ")" : ""), reply);
            }
            default -> {
                return Attempt.reached(CallResult.error(serverErrno, detail, status, url));
            }
        }
    }

    private static CallResult fromStructure(URI url, JsonObject json, String text) {
        JsonValue ok = json == null ? null : json.get("OK");
        if (ok == JsonValue.TRUE) {
            JsonValue value = json.get("Value");
            return CallResult.success(value == null ? JsonValue.NULL : value, 200, url);
        }
        if (ok == JsonValue.FALSE) {
            String message = message(json);
            return CallResult.error(errno(json), message == null ? "" : message, 200, url);
        }
        return CallResult.error(0, "the reply of " + url + " (HTTP 200) is not DIRAC's S_OK/S_ERROR JSON: "
                + (text.isBlank() ? "it is empty" : snippet(text)), 200, url);
    }

    private static byte[] inflate(HttpHeaders headers, byte[] content) throws IOException {
        byte[] body = content == null ? new byte[0] : content;
        String encoding = headers.firstValue("Content-Encoding").orElse("identity").trim()
                .toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        if (!encoding.equals("identity") && !encoding.isEmpty()) {
            throw new IOException("unexpected Content-Encoding " + encoding);
        }
        return body;
    }

    /** The body as a JSON object, or null when it is not one. */
    private static JsonObject parseObject(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JEncode.parse(text) instanceof JsonObject object ? object : null;
        } catch (ArgumentException e) {
            return null;
        }
    }

    private static String message(JsonObject json) {
        JsonValue message = json.get("Message");
        if (message instanceof JsonString string) {
            return string.getString().isEmpty() ? null : string.getString();
        }
        return message == null || message == JsonValue.NULL ? null : message.toString();
    }

    private static int errno(JsonObject json) {
        return json.get("Errno") instanceof JsonNumber number ? number.intValue() : 0;
    }

    private static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "...";
    }
}
