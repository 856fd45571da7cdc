package io.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** One HTTP reply as the tests read it; gzip bodies are inflated, the encoding is kept in the headers. */
record Reply(int status, HttpHeaders headers, byte[] body) {

    static Reply of(int status, HttpHeaders headers, byte[] raw) {
        boolean gzip = headers.firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
        if (!gzip) {
            return new Reply(status, headers, raw);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return new Reply(status, headers, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonObject json() {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object (status " + status + "): " + text(), e);
        }
    }

    boolean ok() {
        return json().getBoolean("OK");
    }

    JsonValue value() {
        JsonObject json = json();
        if (!json.getBoolean("OK")) {
            throw new AssertionError("expected S_OK, got " + json + " (status " + status + ")");
        }
        return json.get("Value");
    }

    String message() {
        return json().getString("Message");
    }

    int errno() {
        return json().getInt("Errno");
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
