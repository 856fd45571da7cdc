package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frames of a stable connection (one WebSocket text frame each, a JSON object with a {@code "type"}), shared
 * by the server and the client. Values inside are JEncode values.
 *
 * <pre>
 * client → server  {"type":"connect","client":ID,"parameters":{...}}         first frame, once
 * server → client  {"type":"connected","transportId":TRID,"messages":{NAME:{FIELD:TYPE,...},...}}
 * either way       {"type":"message","name":NAME,"fields":{...}[,"ack":N]}   ack: asks for an acknowledgement
 * either way       {"type":"ack","ack":N}
 * server → client  {"type":"error","message":TEXT,"errno":E[,"ack":N]}       about the frame acked N, else fatal
 * server → client  {"type":"call","call":N,"method":NAME,"args":[...]}        a call into the client
 * client → server  {"type":"result","call":N,"result":{"OK":...}}           its S_OK/S_ERROR
 * </pre>
 */
public final class ConnectionFrames {

    /** The WebSocket path below a service's URL: {@code /<System>/<Component>/connection}. */
    public static final String PATH = "connection";

    private ConnectionFrames() {
    }

    /** One frame. */
    public sealed interface Frame permits Connect, Connected, Message, Ack, ErrorFrame, Call, CallResult {
    }

    /** Opens the conversation: who the client is across reconnections, and its connection parameters. */
    public record Connect(String client, JsonObject parameters) implements Frame {
    }

    /** The service accepted the connection. {@code messages}: name to field to type, in words. */
    public record Connected(String transportId, Map<String, Map<String, String>> messages) implements Frame {
    }

    /** A declared message; {@code ack} asks the receiver to acknowledge it under that number. */
    public record Message(String name, JsonObject fields, Optional<Long> ack) implements Frame {
    }

    /** Acknowledges the message sent with that number. */
    public record Ack(long ack) implements Frame {
    }

    /** A refusal: of the message acked {@code ack} when present, else of the connection, which then closes. */
    public record ErrorFrame(String message, int errno, Optional<Long> ack) implements Frame {
    }

    /** A call into the client: its method, positional arguments, and the number its result comes back under. */
    public record Call(long call, String method, JsonArray args) implements Frame {
    }

    /** The client's S_OK/S_ERROR reply (an object with {@code OK}) to call {@code call}. */
    public record CallResult(long call, JsonObject result) implements Frame {
    }

    /**
     * Reads one frame.
     *
     * @throws ArgumentException when the text is not JSON, too deep, not an object, of an unknown type, or lacks a
     *                           field its type needs; the message says which
     */
    public static Frame parse(String text, int maxDepth) {
        JsonValue value;
        try {
            value = JEncode.parse(text, maxDepth);
        } catch (ArgumentException e) {
            throw new ArgumentException("the frame is not valid JSON: " + e.getMessage(), e.getCause());
        }
        if (!(value instanceof JsonObject frame)) {
            throw new ArgumentException("a frame must be a JSON object, got " + WireTags.describe(value));
        }
        String type = string(frame, "type");
        return switch (type) {
            case "connect" -> new Connect(string(frame, "client"), optionalObject(frame, "parameters"));
            case "connected" -> new Connected(string(frame, "transportId"), messageTable(object(frame, "messages")));
            case "message" -> new Message(string(frame, "name"), optionalObject(frame, "fields"),
                    optionalNumber(frame, "ack"));
            case "ack" -> new Ack(number(frame, "ack"));
            case "error" -> new ErrorFrame(string(frame, "message"), (int) number(frame, "errno"),
                    optionalNumber(frame, "ack"));
            case "call" -> new Call(number(frame, "call"), string(frame, "method"), array(frame, "args"));
            case "result" -> new CallResult(number(frame, "call"), object(frame, "result"));
            default -> throw new ArgumentException("unknown frame type \"" + type + "\"");
        };
    }

    /** Writes one frame. */
    public static String write(Frame frame) {
        var builder = WireTags.JSON.createObjectBuilder();
        if (frame instanceof Connect c) {
            builder.add("type", "connect").add("client", c.client()).add("parameters", c.parameters());
        } else if (frame instanceof Connected c) {
            var messages = WireTags.JSON.createObjectBuilder();
            c.messages().forEach((name, fields) -> {
                var described = WireTags.JSON.createObjectBuilder();
                fields.forEach(described::add);
                messages.add(name, described);
            });
            builder.add("type", "connected").add("transportId", c.transportId()).add("messages", messages);
        } else if (frame instanceof Message m) {
            builder.add("type", "message").add("name", m.name()).add("fields", m.fields());
            m.ack().ifPresent(n -> builder.add("ack", n));
        } else if (frame instanceof Ack a) {
            builder.add("type", "ack").add("ack", a.ack());
        } else if (frame instanceof ErrorFrame e) {
            builder.add("type", "error").add("message", e.message()).add("errno", e.errno());
            e.ack().ifPresent(n -> builder.add("ack", n));
        } else if (frame instanceof Call c) {
            builder.add("type", "call").add("call", c.call()).add("method", c.method()).add("args", c.args());
        } else if (frame instanceof CallResult r) {
            builder.add("type", "result").add("call", r.call()).add("result", r.result());
        }
        return builder.build().toString();
    }

    /** A message's fields as a frame carries them: the record's components, JEncode-encoded. */
    public static JsonObject fieldsOf(Record message) {
        return (JsonObject) JEncode.parse(JEncode.encode(message));
    }

    /** Binds a message's fields to its record type, strictly (a missing, extra or mistyped field is refused). */
    public static <T extends Record> T bindFields(JsonObject fields, Class<T> type) {
        List<String> names = java.util.Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        for (String key : fields.keySet()) {
            if (!names.contains(key)) {
                throw new ArgumentException("message " + type.getSimpleName() + " has no field \"" + key + "\"");
            }
        }
        return type.cast(JEncode.bind(fields, type));
    }

    private static Map<String, Map<String, String>> messageTable(JsonObject messages) {
        Map<String, Map<String, String>> table = new java.util.LinkedHashMap<>();
        messages.forEach((name, fields) -> {
            if (!(fields instanceof JsonObject described)) {
                throw new ArgumentException("message " + name + "'s fields must be an object");
            }
            Map<String, String> types = new java.util.LinkedHashMap<>();
            described.forEach((field, type) -> types.put(field, type instanceof JsonString s ? s.getString()
                    : type.toString()));
            table.put(name, types);
        });
        return table;
    }

    private static String string(JsonObject frame, String key) {
        if (frame.get(key) instanceof JsonString s) {
            return s.getString();
        }
        throw missing(key, "a string");
    }

    private static long number(JsonObject frame, String key) {
        if (frame.get(key) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw missing(key, "an integer that fits 64 bits");
            }
        }
        throw missing(key, "an integer");
    }

    private static Optional<Long> optionalNumber(JsonObject frame, String key) {
        return frame.containsKey(key) && frame.get(key) != JsonValue.NULL
                ? Optional.of(number(frame, key)) : Optional.empty();
    }

    private static JsonObject object(JsonObject frame, String key) {
        if (frame.get(key) instanceof JsonObject o) {
            return o;
        }
        throw missing(key, "an object");
    }

    private static JsonObject optionalObject(JsonObject frame, String key) {
        return frame.containsKey(key) && frame.get(key) != JsonValue.NULL ? object(frame, key) : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static JsonArray array(JsonObject frame, String key) {
        if (frame.get(key) instanceof JsonArray a) {
            return a;
        }
        throw missing(key, "an array");
    }

    private static ArgumentException missing(String key, String what) {
        return new ArgumentException("the frame's \"" + key + "\" must be " + what);
    }
}
