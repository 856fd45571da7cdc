package io.gatehouse.client.description;

import jakarta.json.JsonObject;

/**
 * One parameter of a method.
 *
 * @param name     its name in the code
 * @param type     its type in JSON terms: {@code string}, {@code integer}, {@code list<T>}, {@code map<string,T>}, a
 *                 record's simple name...
 * @param schema   a JSON Schema of the values it takes (valid in OpenAPI 3.0 and 3.1); {@code {}} for any value
 * @param optional whether a call may leave it out (a trailing {@code Optional} parameter)
 * @param nullable whether null is a value it takes
 * @param doc      its documentation, or null
 */
public record Parameter(String name, String type, JsonObject schema, boolean optional, boolean nullable, String doc) {
}
