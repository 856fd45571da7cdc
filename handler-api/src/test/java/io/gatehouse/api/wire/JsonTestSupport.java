package io.gatehouse.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.StringReader;

/** Shared helpers: JSON written with single quotes for readability, compared as parsed values. */
final class JsonTestSupport {

    private JsonTestSupport() {
    }

    /** Parses JSON written with ' for " (no test string needs a real apostrophe). */
    static JsonValue json(String singleQuoted) {
        return parse(singleQuoted.replace('\'', '"'));
    }

    static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** Compares JSON texts by value, so key order and spacing do not matter. */
    static void assertJson(String expectedSingleQuoted, String actual) {
        assertEquals(json(expectedSingleQuoted), parse(actual), () -> "actual JSON: " + actual);
    }
}
