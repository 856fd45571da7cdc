package io.gatehouse.client.description;

import jakarta.json.JsonObject;

/**
 * What a method returns.
 *
 * @param type   the type in JSON terms; {@code null} (the word) for a void method, {@code file} for a download
 * @param schema a JSON Schema of the value
 * @param doc    its documentation, or null
 */
public record Returns(String type, JsonObject schema, String doc) {
}
