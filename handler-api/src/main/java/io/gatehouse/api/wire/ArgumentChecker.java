package io.gatehouse.api.wire;

import static io.gatehouse.api.wire.WireTags.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.gatehouse.api.wire.TypeModel.Kind;
import io.gatehouse.api.wire.TypeModel.Property;

/**
 * Checks one argument against its parameter type before JSON-B binds it, and rewrites it into the plain JSON that
 * JSON-B expects.
 *
 * <p>Why: JSON-B is lenient where a caller's mistake should be reported. Yasson turns the string "12" into the int
 * 12, truncates 1.5 to 1, wraps 3000000000 around into a negative int, writes 5 into a String parameter as "5" and
 * turns null into 0 for a primitive record component. This class rejects those with a message naming the expected
 * type, walking into collection elements, map keys and values, and record and POJO properties.
 *
 * <p>The rewriting untags dt, date and b64 values into the ISO strings and base64 JSON-B reads, and writes integers
 * in plain digits. Places declared as Object are only checked, and left tagged: the codec's Object deserializer
 * decodes them exactly like {@link WireTags#decode}.
 */
final class ArgumentChecker {

    /** The smallest and largest value of each integer type. */
    private static final Map<Class<?>, long[]> INTEGER_RANGES = Map.of(
            byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});

    private ArgumentChecker() {
    }

    /**
     * Checks {@code value} against {@code type} and returns the JSON JSON-B should bind, or throws
     * ArgumentException with a message that starts with the expected type and, for a nested mistake, says where.
     */
    static JsonValue check(JsonValue value, Type type) {
        try {
            return prepare(value, type);
        } catch (Mismatch mismatch) {
            if (mismatch.path.isEmpty() && mismatch.getMessage().startsWith("expected ")) {
                throw new ArgumentException(mismatch.getMessage());
            }
            String where = mismatch.path.isEmpty() ? "" : "at " + String.join("", mismatch.path) + ": ";
            if (where.startsWith("at .")) {
                where = "at " + where.substring(4);
            }
            throw new ArgumentException("expected " + TypeModel.words(type) + "; " + where + mismatch.getMessage());
        }
    }

    private static JsonValue prepare(JsonValue value, Type type) {
        Kind kind = TypeModel.kindOf(type);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (type instanceof Class<?> cls && cls.isPrimitive()) {
                throw mismatch(type, value, " (a primitive " + cls.getName() + " cannot be null)");
            }
            return JsonValue.NULL;
        }
        switch (kind) {
            case BOOLEAN:
                if (value.getValueType() == JsonValue.ValueType.TRUE
                        || value.getValueType() == JsonValue.ValueType.FALSE) {
                    return value;
                }
                throw mismatch(type, value, "");
            case INTEGER:
                return integer(value, type);
            case BIG_INTEGER:
                return bigInteger(value, type);
            case FLOATING:
                return floating(value, type);
            case BIG_DECIMAL:
                if (value instanceof JsonNumber) {
                    return value;
                }
                throw mismatch(type, value, "");
            case CHAR:
                if (value instanceof JsonString string && string.getString().length() == 1) {
                    return value;
                }
                throw mismatch(type, value, "");
            case STRING:
                if (value instanceof JsonString) {
                    return value;
                }
                throw mismatch(type, value, "");
            case ENUM:
                return enumName(value, type);
            case LOCAL_DATE_TIME:
                return JSON.createValue(localDateTime(value, type).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            case INSTANT:
                return JSON.createValue(offsetDateTime(value, type).toInstant().toString());
            case OFFSET_DATE_TIME:
                return JSON.createValue(offsetDateTime(value, type).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case LOCAL_DATE:
                return JSON.createValue(localDate(value, type).format(DateTimeFormatter.ISO_LOCAL_DATE));
            case BYTES:
                return bytes(value, type);
            case OBJECT:
                checkDecodable(value);
                return value;
            case JSON_VALUE:
                return jsonValue(value, type);
            case OPTIONAL:
                return prepare(value, TypeModel.elementType(type));
            case COLLECTION:
            case ARRAY:
                return list(value, type);
            case MAP:
                return map(value, type);
            case RECORD:
            case POJO:
                return bean(value, type, kind == Kind.RECORD);
            case CUSTOM:
                return value;
            default:
                throw new IllegalArgumentException("cannot bind to " + type.getTypeName());
        }
    }

    // ---- scalars ----

    private static JsonValue integer(JsonValue value, Type type) {
        BigDecimal decimal = wholeNumber(value, type);
        long[] range = INTEGER_RANGES.get(TypeModel.rawClass(type));
        // Compared as BigDecimal, since longValueExact would throw for a number beyond long.
        if (decimal.compareTo(BigDecimal.valueOf(range[0])) < 0
                || decimal.compareTo(BigDecimal.valueOf(range[1])) > 0) {
            throw mismatch(type, value, ", which is out of range for " + TypeModel.javaName(type)
                    + " (" + range[0] + " to " + range[1] + ")");
        }
        return JSON.createValue(decimal.longValueExact());
    }

    private static JsonValue bigInteger(JsonValue value, Type type) {
        return JSON.createValue(wholeNumber(value, type).toBigIntegerExact());
    }

    private static BigDecimal wholeNumber(JsonValue value, Type type) {
        if (!(value instanceof JsonNumber number)) {
            throw mismatch(type, value, "");
        }
        if (!WireTags.isInteger(number)) {
            throw mismatch(type, value, ", which is not an integer");
        }
        return number.bigDecimalValue();
    }

    private static JsonValue floating(JsonValue value, Type type) {
        if (!(value instanceof JsonNumber number)) {
            throw mismatch(type, value, "");
        }
        double d = number.doubleValue();
        boolean isFloat = TypeModel.rawClass(type) == float.class || TypeModel.rawClass(type) == Float.class;
        if (Double.isInfinite(d) || (isFloat && Float.isInfinite((float) d))) {
            throw mismatch(type, value, ", which is out of range for " + TypeModel.javaName(type));
        }
        return value;
    }

    private static JsonValue enumName(JsonValue value, Type type) {
        if (value instanceof JsonString string) {
            for (Object constant : TypeModel.rawClass(type).getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(string.getString())) {
                    return value;
                }
            }
        }
        throw mismatch(type, value, "");
    }

    // ---- tagged scalars ----

    private static LocalDateTime localDateTime(JsonValue value, Type type) {
        if (WireTags.DATETIME.equals(WireTags.tagOf(value))) {
            return tagged(() -> WireTags.tagDateTime((JsonObject) value));
        } else if (value instanceof JsonString string) {
            try {
                return WireTags.parseDateTime(string.getString());
            } catch (DateTimeParseException e) {
                throw mismatch(type, value, ", which is not a datetime like \"2024-01-31 12:00:00\"");
            }
        }
        throw mismatch(type, value, "");
    }

    /** A dt value is UTC; an ISO string must say its offset, as a local time would be ambiguous. */
    private static OffsetDateTime offsetDateTime(JsonValue value, Type type) {
        if (WireTags.DATETIME.equals(WireTags.tagOf(value))) {
            return tagged(() -> WireTags.tagDateTime((JsonObject) value)).atOffset(ZoneOffset.UTC);
        } else if (value instanceof JsonString string) {
            try {
                return OffsetDateTime.parse(string.getString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw mismatch(type, value, ", which is not a datetime with an offset like \"2024-01-31T12:00:00Z\"");
            }
        }
        throw mismatch(type, value, "");
    }

    private static LocalDate localDate(JsonValue value, Type type) {
        if (WireTags.DATE.equals(WireTags.tagOf(value))) {
            return tagged(() -> WireTags.tagDate((JsonObject) value));
        } else if (value instanceof JsonString string) {
            try {
                return WireTags.parseDate(string.getString());
            } catch (DateTimeParseException e) {
                throw mismatch(type, value, ", which is not a date like \"2024-01-31\"");
            }
        }
        throw mismatch(type, value, "");
    }

    /** Bytes come only as a b64 tag: a plain string is text, and guessing it is base64 would hide mistakes. */
    private static JsonValue bytes(JsonValue value, Type type) {
        if (WireTags.BYTES.equals(WireTags.tagOf(value))) {
            byte[] bytes = tagged(() -> WireTags.tagBytes((JsonObject) value));
            return JSON.createValue(Base64.getEncoder().encodeToString(bytes));
        }
        throw mismatch(type, value, "");
    }

    private static <T> T tagged(java.util.function.Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (ArgumentException e) {
            throw new Mismatch(e.getMessage());
        }
    }

    private static void checkDecodable(JsonValue value) {
        tagged(() -> WireTags.decode(value));
    }

    private static JsonValue jsonValue(JsonValue value, Type type) {
        Class<?> cls = TypeModel.rawClass(type);
        if (cls.isInstance(value)) {
            return value;
        }
        throw mismatch(type, value, "");
    }

    // ---- containers ----

    private static JsonValue list(JsonValue value, Type type) {
        if (!(value instanceof JsonArray array)) {
            throw mismatch(type, value, "");
        }
        Type elementType = TypeModel.elementType(type);
        JsonArrayBuilder builder = JSON.createArrayBuilder();
        for (int i = 0; i < array.size(); i++) {
            try {
                builder.add(prepare(array.get(i), elementType));
            } catch (Mismatch mismatch) {
                throw mismatch.at("[" + i + "]");
            }
        }
        return builder.build();
    }

    /** A map is any JSON object; tag keys of a Python object are ordinary keys here, as {@code decode} keeps them. */
    private static JsonValue map(JsonValue value, Type type) {
        if (!(value instanceof JsonObject object) || WireTags.isScalarTag(WireTags.tagOf(value))) {
            throw mismatch(type, value, "");
        }
        Type keyType = TypeModel.mapKeyType(type);
        Type valueType = TypeModel.mapValueType(type);
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String where = "[" + JSON.createValue(entry.getKey()) + "]";
            String key = entry.getKey();
            if (TypeModel.kindOf(keyType) == Kind.INTEGER) {
                key = integerKey(key, keyType, where);
            }
            try {
                builder.add(key, prepare(entry.getValue(), valueType));
            } catch (Mismatch mismatch) {
                throw mismatch.at(where);
            }
        }
        return builder.build();
    }

    private static String integerKey(String key, Type keyType, String where) {
        try {
            return Long.toString(keyType == Integer.class ? Integer.parseInt(key) : Long.parseLong(key));
        } catch (NumberFormatException e) {
            throw new Mismatch("expected an integer key (" + TypeModel.javaName(keyType) + "), got the key "
                    + WireTags.quote(key)).at(where);
        }
    }

    /**
     * Records are checked fully: every key must be a component and a primitive component must be present (JSON-B
     * would quietly put 0 or false there). POJOs are checked for the properties we can see; other keys pass
     * through, and JSON-B ignores keys it does not know.
     */
    private static JsonValue bean(JsonValue value, Type type, boolean isRecord) {
        String tag = WireTags.tagOf(value);
        if (!(value instanceof JsonObject object) || WireTags.isScalarTag(tag)
                || (tag == null && WireTags.isTagged(value))) {
            throw mismatch(type, value, "");
        }
        Class<?> cls = TypeModel.rawClass(type);
        List<Property> properties = TypeModel.properties(cls);
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        for (Property property : properties) {
            JsonValue field = object.get(property.jsonName());
            String where = "." + property.jsonName();
            if (field == null) {
                if (isRecord && property.type() instanceof Class<?> c && c.isPrimitive()) {
                    // Reported at the record, whose path the enclosing containers add.
                    throw new Mismatch("field \"" + property.jsonName() + "\" (" + c.getName() + ") is missing");
                }
                continue;
            }
            seen.add(property.jsonName());
            try {
                builder.add(property.jsonName(), property.customBound() ? field : prepare(field, property.type()));
            } catch (Mismatch mismatch) {
                throw mismatch.at(where);
            }
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = entry.getKey();
            if (seen.contains(key) || key.equals(WireTags.CLASS_KEY) || key.equals(WireTags.MODULE_KEY)) {
                continue;
            }
            if (isRecord) {
                String known = properties.stream().map(Property::jsonName).collect(Collectors.joining(", "));
                throw new Mismatch("unknown field " + WireTags.quote(key) + " (the fields of " + cls.getSimpleName()
                        + " are: " + known + ")");
            }
            builder.add(key, entry.getValue());
        }
        return builder.build();
    }

    /** Type-checks a raw jakarta.json argument, for the codec's top-level binding of JsonValue types. */
    static JsonValue checkJsonValue(JsonValue value, Type type) {
        if (value.getValueType() == JsonValue.ValueType.NULL || TypeModel.rawClass(type).isInstance(value)) {
            return value;
        }
        throw new ArgumentException("expected " + TypeModel.words(type) + ", got " + WireTags.describe(value));
    }
    // ---- failures ----

    private static Mismatch mismatch(Type type, JsonValue value, String detail) {
        return new Mismatch("expected " + TypeModel.words(type) + ", got " + WireTags.describe(value) + detail);
    }

    /**
     * A failed check somewhere inside the argument: the message of the innermost mistake, and the path to it
     * (".field", "[2]", "[\"key\"]") gathered as it travels out. No stack trace: it is an expected outcome.
     */
    private static final class Mismatch extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final Deque<String> path = new ArrayDeque<>();

        Mismatch(String message) {
            super(message, null, false, false);
        }

        Mismatch at(String segment) {
            path.addFirst(segment);
            return this;
        }
    }

}
