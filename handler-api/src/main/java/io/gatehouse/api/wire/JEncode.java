package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.BinaryDataStrategy;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.api.wire.TypeModel.Kind;

/**
 * The JSON codec of DIRAC's wire dialect "JEncode" (see PROTOCOL.md): plain JSON plus tagged values for datetimes
 * ({"__dCls": "dt", "obj": "YYYY-MM-DD HH:MM:SS"}, UTC), dates ({"__dCls": "date", ...}) and bytes
 * ({"__dCls": "b64", ...}).
 *
 * <p>Encoding writes Java values in that dialect; {@link #parseArgs}, {@link #decode} and {@link #bind} read the
 * "args" of a call and turn each argument into the value of a Java parameter, strictly: a caller's mistake is
 * reported with an {@link ArgumentException} rather than coerced. {@link #unbindableReason} lets deployment refuse
 * parameter types that can never be bound.
 *
 * <p>Static and thread-safe: one Jsonb, costly to build, is shared by every call.
 */
public final class JEncode {

    private static final JsonParserFactory PARSERS = WireTags.JSON.createParserFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = WireTags.JSON.createGeneratorFactory(Map.of());
    private static final Bindability BINDABILITY = new Bindability();

    /** How deep arrays and objects may nest in a parsed text unless the caller says otherwise. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /**
     * Built on first use (class initialisation is thread-safe), not when the dispatcher merely loads. Values that
     * {@link PlainTrees} writes skip it: its text for them is the same (the tests compare), its per-call setup costs
     * more than the rest of such a reply.
     */
    static final class Shared {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
                // A null record component, property or map value is written as null, not left out.
                .withNullValues(true)
                .withSerializers(WireSerializers.all())
                // Binding reads b64 values untagged into base64 strings; encoding uses the b64 serializer instead.
                .withBinaryDataStrategy(BinaryDataStrategy.BASE_64)
                .withDeserializers(new WireSerializers.ObjectDeserializer()));
    }

    private JEncode() {
    }

    // ---- encoding ----

    /**
     * A Java value as JEncode JSON text. Datetimes (LocalDateTime taken as UTC; Instant, OffsetDateTime,
     * ZonedDateTime and Date converted to UTC) become dt tags with whole seconds, LocalDate date tags, byte[] b64
     * tags; maps become objects with String.valueOf keys; empty Optionals and nulls become null. Records, POJOs,
     * collections, arrays, enums (by name) and jakarta.json values are written the JSON-B way.
     *
     * @throws JsonbException for a value JSON-B cannot write (NaN, a cycle, ...)
     */
    public static String encode(Object value) {
        if (PlainTrees.isPlain(value)) {
            StringWriter text = new StringWriter(64);
            try (JsonGenerator generator = GENERATORS.createGenerator(text)) {
                PlainTrees.write(generator, value);
            }
            return text.toString();
        }
        return Shared.JSONB.toJson(value);
    }

    /** The success reply: {"OK": true, "Value": value}, with "Value": null for null. */
    public static String ok(Object value) {
        if (!PlainTrees.isPlain(value)) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("OK", Boolean.TRUE);
            reply.put("Value", value);
            return Shared.JSONB.toJson(reply);
        }
        StringWriter text = new StringWriter(64);
        try (JsonGenerator reply = GENERATORS.createGenerator(text)) {
            reply.writeStartObject().write("OK", true).writeKey("Value");
            PlainTrees.write(reply, value);
            reply.writeEnd();
        }
        return text.toString();
    }

    /** The failure reply: {"OK": false, "Errno": errno, "Message": message}. */
    public static String error(int errno, String message) {
        StringWriter text = new StringWriter(64);
        try (JsonGenerator reply = GENERATORS.createGenerator(text)) {
            reply.writeStartObject().write("OK", false).write("Errno", errno);
            if (message == null) {
                reply.writeNull("Message");
            } else {
                reply.write("Message", message);
            }
            reply.writeEnd();
        }
        return text.toString();
    }

    // ---- decoding ----

    /**
     * Parses one JSON text of any kind (such as the "extraCredentials" form field) into a JSON-P value.
     *
     * @throws ArgumentException when it is empty or not exactly one JSON value; the message is the parser's reason
     */
    public static JsonValue parse(String json) {
        return parse(json, DEFAULT_MAX_DEPTH);
    }

    /**
     * Like {@link #parse(String)}, refusing text nested deeper than {@code maxDepth} arrays and objects before any
     * deeper level is built (the tree is built from the parser's events, one level at a time).
     *
     * @throws ArgumentException when it is empty, not exactly one JSON value, or too deep
     */
    public static JsonValue parse(String json, int maxDepth) {
        if (json == null || json.isBlank()) {
            throw new ArgumentException("it is empty");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
            JsonValue value = DepthLimitedTree.read(parser, maxDepth);
            // The JSON-P reader ignores text after the value; the parser reports it here, or hasNext says so.
            if (parser.hasNext()) {
                throw new JsonException("unexpected text after the value");
            }
            return value;
        } catch (ArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not only JsonParsingException: Parsson refuses an over-long number with UnsupportedOperationException
            // and over-deep nesting with a plain RuntimeException. Whatever the parser throws, the text is unusable.
            throw new ArgumentException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    /**
     * Parses the "args" form field of a call, which must be one JSON array and nothing else.
     *
     * @throws ArgumentException when it is missing, not JSON, or not an array
     */
    public static JsonArray parseArgs(String json) {
        return parseArgs(json, DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses the "args" form field, refusing nesting deeper than {@code maxDepth} (the array itself is level 1).
     *
     * @throws ArgumentException when it is missing, not JSON, too deep, or not an array
     */
    public static JsonArray parseArgs(String json, int maxDepth) {
        if (json == null || json.isBlank()) {
            throw new ArgumentException("args is empty; it must be a JSON array of the call's arguments");
        }
        JsonValue value;
        try {
            value = parse(json, maxDepth);
        } catch (DepthLimitedTree.TooDeep e) {
            throw new ArgumentException("args " + e.getMessage());
        } catch (ArgumentException e) {
            throw new ArgumentException("args is not valid JSON: " + e.getMessage(), e.getCause());
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        throw new ArgumentException("args must be a JSON array, got " + WireTags.describe(value));
    }

    /**
     * Decodes a value for a parameter declared as Object: dt to LocalDateTime, date to LocalDate, b64 to byte[],
     * other objects to LinkedHashMap (an object tagged with a Python class keeps its "__dCls"/"__dMod" keys), arrays
     * to ArrayList, integers to Integer, Long or BigInteger (the first that holds it), other numbers to Double
     * (BigDecimal when a double overflows or underflows), strings, booleans and null.
     *
     * @throws ArgumentException for a malformed dt, date or b64 value
     */
    public static Object decode(JsonValue value) {
        return WireTags.decode(value);
    }

    /**
     * Converts one argument to a parameter type. The value is checked strictly against the type (see
     * {@link ArgumentChecker}), untagged, and bound by JSON-B. Object parameters, and Object places inside
     * containers, get {@link #decode}'s values; jakarta.json types get the argument itself after a kind check
     * (JSON null gives JsonValue.NULL for JsonValue, else null).
     *
     * @throws ArgumentException when the argument does not fit the type; the message names the expected type and
     *                           says where inside the argument the mistake is
     * @throws IllegalArgumentException when the type itself cannot be bound (see {@link #unbindableReason})
     */
    public static Object bind(JsonValue arg, Type type) {
        Optional<String> unbindable = unbindableReason(type);
        if (unbindable.isPresent()) {
            throw new IllegalArgumentException(TypeModel.javaName(type) + " cannot be bound: " + unbindable.get());
        }
        JsonValue value = arg == null ? JsonValue.NULL : arg;
        Kind kind = TypeModel.kindOf(type);
        if (kind == Kind.OBJECT) {
            return WireTags.decode(value);
        } else if (kind == Kind.JSON_VALUE) {
            JsonValue checked = ArgumentChecker.checkJsonValue(value, type);
            return checked == JsonValue.NULL && type != JsonValue.class ? null : checked;
        }
        JsonValue prepared = ArgumentChecker.check(value, type);
        if (prepared.getValueType() == JsonValue.ValueType.NULL) {
            return kind == Kind.OPTIONAL ? Optional.empty() : null;
        }
        Object scalar = scalar(prepared, type, kind);
        if (scalar != null) {
            return scalar;
        }
        try {
            return Shared.JSONB.fromJson(prepared.toString(), type);
        } catch (JsonbException e) {
            // After the checks this is rare: a failing constructor or setter, a custom deserializer's complaint...
            throw new ArgumentException("expected " + TypeModel.words(type) + ", but it could not be built: "
                    + rootMessage(e), e);
        }
    }

    /**
     * The common scalar parameters (strings, booleans, whole and floating numbers), converted straight from the
     * checked JSON value rather than through JSON-B's text round trip; null for every other type.
     */
    private static Object scalar(JsonValue checked, Type type, Kind kind) {
        if (!(type instanceof Class<?> cls)) {
            return null;
        }
        if (kind == Kind.STRING && checked instanceof JsonString text) {
            return text.getString();
        }
        if (kind == Kind.BOOLEAN) {
            return checked.getValueType() == JsonValue.ValueType.TRUE;
        }
        if (checked instanceof JsonNumber number) {
            // ArgumentChecker has already refused fractions and values out of the type's range.
            if (cls == int.class || cls == Integer.class) {
                return number.intValueExact();
            } else if (cls == long.class || cls == Long.class) {
                return number.longValueExact();
            } else if (cls == double.class || cls == Double.class) {
                return number.doubleValue();
            }
        }
        return null;
    }

    // ---- deployment checks ----

    /** A type as descriptions of a service name it, with simple names: {@code int}, {@code List<String>}. */
    public static String typeName(Type type) {
        return TypeModel.javaName(type);
    }

    /** Whether arguments can ever be bound to this parameter type. */
    public static boolean isBindable(Type type) {
        return unbindableReason(type).isEmpty();
    }

    /**
     * Why a parameter type cannot be bound, naming the offending type (which may be nested in type arguments, array
     * components or record components); empty when it can. Bindable: primitives and their boxes, String,
     * BigDecimal, BigInteger, LocalDateTime, LocalDate, Instant, OffsetDateTime, byte[], enums, Object, the
     * jakarta.json value types, List/Set/Collection/Queue/Deque (and their common implementations), Map with
     * String, Integer or Long keys, Optional, arrays, public records and public non-generic classes with a public
     * no-arg constructor, all with bindable contents. Raw collections and maps are taken to hold Objects.
     */
    public static Optional<String> unbindableReason(Type type) {
        return BINDABILITY.whyNot(type);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
