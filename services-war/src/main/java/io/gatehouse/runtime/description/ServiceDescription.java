package io.gatehouse.runtime.description;

import java.util.List;
import java.util.Map;

/**
 * What one service offers, as one caller sees it: the value of {@code GET /<System>/<Component>} and of the
 * built-in {@code system.describe} (README, "Self-description").
 *
 * @param name     {@code System/Component}
 * @param doc      what the service is for, or null
 * @param methods  its own methods sorted by name, then the built-ins sorted by name
 * @param messages the messages of its stable connections; null when it takes none
 * @param complete false when methods the caller may not call were left out (a visitor's view)
 */
public record ServiceDescription(String name, String doc, List<Method> methods, List<Message> messages,
                                 boolean complete) {

    /**
     * One method.
     *
     * @param signature  {@code name(param: type, optional?: type) -> type}
     * @param auth       the tokens of the rule that applies now, administrators' overrides included; empty: anyone
     * @param authSource where that rule comes from: {@code configuration}, {@code code}, {@code default} (the
     *                   service's {@code Authorization/Default}) or {@code none}
     * @param callable   whether the caller who asked may call it
     * @param transfer   {@code none}, {@code download} (it sends a file) or {@code upload} (it reads a streamed body)
     */
    public record Method(String name, String doc, String signature, List<Parameter> parameters, Value returns,
                         List<String> auth, String authSource, boolean callable, boolean builtin, String transfer) {
    }

    /**
     * One argument of a method.
     *
     * @param type     its type's name in JSON terms ({@code io.gatehouse.api.wire.JsonSchemas#typeName})
     * @param schema   a JSON Schema of the values it takes
     * @param optional whether a caller may leave it out (a trailing {@code Optional})
     * @param nullable whether it takes JSON null
     */
    public record Parameter(String name, String type, Map<String, Object> schema, boolean optional,
                            boolean nullable, String doc) {
    }

    /** What a method returns: {@code null} for nothing, {@code file} for a download. */
    public record Value(String type, Map<String, Object> schema, String doc) {
    }

    /**
     * A message of the service's stable connections.
     *
     * @param received whether the service receives it from clients (it has a receiving method); false: it only
     *                 sends it
     * @param auth     the rule for sending it to the service, when it is received; empty otherwise
     */
    public record Message(String name, String doc, List<Field> fields, boolean received, List<String> auth,
                          String authSource) {
    }

    /** A field of a message. */
    public record Field(String name, String type, Map<String, Object> schema, String doc) {
    }
}
