package io.gatehouse.client.description;

import java.util.List;

import jakarta.json.JsonObject;

/**
 * A message of a service's stable connections.
 *
 * @param name       the message's name
 * @param doc        its documentation, or null
 * @param fields     its fields in order; never null
 * @param received   true when clients may send it (the service receives it); false when only the service sends it
 * @param auth       the rule for sending it, as {@link MethodDescription#auth()}; never null
 * @param authSource where the rule comes from, as {@link MethodDescription#authSource()}
 */
public record MessageDescription(String name, String doc, List<Field> fields, boolean received, List<String> auth,
                                 String authSource) {

    public MessageDescription {
        fields = fields == null ? List.of() : List.copyOf(fields);
        auth = auth == null ? List.of() : List.copyOf(auth);
    }

    /**
     * One field of a message.
     *
     * @param name   its name
     * @param type   its type in JSON terms
     * @param schema a JSON Schema of its values
     * @param doc    its documentation, or null
     */
    public record Field(String name, String type, JsonObject schema, String doc) {
    }
}
