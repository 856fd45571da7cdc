package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged values of the JEncode dialect ({@code {"__dCls": ..., "obj": ...}}): their wire formats, how to
 * recognise them, the untyped decoding of any JSON value, and plain-words descriptions of JSON values for error
 * messages.
 */
final class WireTags {

    static final String CLASS_KEY = "__dCls";
    static final String MODULE_KEY = "__dMod";
    static final String OBJ_KEY = "obj";
    static final String DATETIME = "dt";
    static final String DATE = "date";
    static final String BYTES = "b64";

    /** What DIRAC writes for a datetime: UTC, a space between date and time, whole seconds. */
    static final DateTimeFormatter WIRE_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Looked up once: Json.createValue and friends search for the provider on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    /** How many characters of a caller's string an error message quotes. */
    private static final int QUOTE_LIMIT = 60;

    private WireTags() {
    }

    // ---- writing ----

    static String formatDateTime(LocalDateTime value) {
        return value.truncatedTo(ChronoUnit.SECONDS).format(WIRE_DATETIME);
    }

    static String formatDate(LocalDate value) {
        return value.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    // ---- reading ----

    /** The tag name of a tagged object, or null when the value is not an object carrying a string "__dCls". */
    static String tagOf(JsonValue value) {
        if (value instanceof JsonObject object && object.get(CLASS_KEY) instanceof JsonString tag) {
            return tag.getString();
        }
        return null;
    }

    /** True for an object that has "__dCls" at all, even a malformed one (a non-string tag). */
    static boolean isTagged(JsonValue value) {
        return value instanceof JsonObject object && object.containsKey(CLASS_KEY);
    }

    /** True for the three tags that stand for a scalar (dt, date, b64) rather than an object with attributes. */
    static boolean isScalarTag(String tag) {
        return DATETIME.equals(tag) || DATE.equals(tag) || BYTES.equals(tag);
    }

    /**
     * Parses the datetime form of the wire and of ISO 8601: "2024-01-31 12:00:00" or "2024-01-31T12:00:00", with an
     * optional fraction. Throws DateTimeParseException otherwise (including impossible dates such as Feb 30).
     */
    static LocalDateTime parseDateTime(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static LocalDate parseDate(String text) {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    }

    /** The "obj" string of a dt/date/b64 tag; throws ArgumentException naming the tag when it is missing. */
    static String tagText(JsonObject tagged, String tag) {
        if (tagged.get(OBJ_KEY) instanceof JsonString text) {
            return text.getString();
        }
        throw new ArgumentException("malformed " + tag + " value: its \"obj\" must be a string, got "
                + describe(tagged.get(OBJ_KEY)));
    }

    static LocalDateTime tagDateTime(JsonObject tagged) {
        String text = tagText(tagged, DATETIME);
        try {
            return parseDateTime(text);
        } catch (DateTimeParseException e) {
            throw new ArgumentException("malformed dt value: " + quote(text)
                    + " is not a datetime like \"2024-01-31 12:00:00\"");
        }
    }

    static LocalDate tagDate(JsonObject tagged) {
        String text = tagText(tagged, DATE);
        try {
            return parseDate(text);
        } catch (DateTimeParseException e) {
            throw new ArgumentException("malformed date value: " + quote(text) + " is not a date like \"2024-01-31\"");
        }
    }

    static byte[] tagBytes(JsonObject tagged) {
        String text = tagText(tagged, BYTES);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException("malformed b64 value: invalid base64 (" + e.getMessage() + ")");
        }
    }

    // ---- untyped decoding ----

    /**
     * Decodes any JSON value for a parameter declared as Object: dt, date and b64 tags become LocalDateTime,
     * LocalDate and byte[]; other objects (including ones tagged with a Python class, whose "__dCls"/"__dMod" keys
     * are kept so the handler can see the class) become LinkedHashMap; arrays become ArrayList.
     */
    static Object decode(JsonValue value) {
        if (value == null) {
            return null;
        }
        switch (value.getValueType()) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return decodeNumber((JsonNumber) value);
            case ARRAY: {
                JsonArray array = (JsonArray) value;
                List<Object> list = new ArrayList<>(array.size());
                for (JsonValue element : array) {
                    list.add(decode(element));
                }
                return list;
            }
            case OBJECT: {
                JsonObject object = (JsonObject) value;
                if (object.containsKey(CLASS_KEY) && !(object.get(CLASS_KEY) instanceof JsonString)) {
                    throw new ArgumentException("malformed tagged value: \"" + CLASS_KEY + "\" must be a string, got "
                            + describe(object.get(CLASS_KEY)));
                }
                String tag = tagOf(object);
                if (DATETIME.equals(tag)) {
                    return tagDateTime(object);
                } else if (DATE.equals(tag)) {
                    return tagDate(object);
                } else if (BYTES.equals(tag)) {
                    return tagBytes(object);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                    map.put(entry.getKey(), decode(entry.getValue()));
                }
                return map;
            }
            default:
                throw new IllegalStateException("unknown JSON value type " + value.getValueType());
        }
    }

    /**
     * Integral numbers become the smallest of Integer, Long, BigInteger that holds them. Other numbers become
     * Double, as Python's json module makes them floats, unless a double cannot hold them at all (overflow to
     * infinity, or a non-zero number that underflows to zero): those stay BigDecimal.
     */
    static Number decodeNumber(JsonNumber number) {
        BigDecimal decimal = number.bigDecimalValue();
        if (isInteger(number)) {
            java.math.BigInteger integer = decimal.toBigIntegerExact();
            if (integer.bitLength() < Integer.SIZE) {
                return integer.intValue();
            } else if (integer.bitLength() < Long.SIZE) {
                return integer.longValue();
            }
            return integer;
        }
        double d = decimal.doubleValue();
        if (Double.isInfinite(d) || (d == 0.0 && decimal.signum() != 0)) {
            return decimal;
        }
        return d;
    }

    /**
     * Whether a JSON number is an integer, by JSON-P's rule (the scale of its decimal value is zero): "12" is;
     * "12.0" and "1e2" are not, as for Python's json module, which reads both as floats. So a float sent for an int
     * parameter is the caller's mistake, and an exponent cannot blow a BigInteger up to a million digits.
     */
    static boolean isInteger(JsonNumber number) {
        return number.isIntegral();
    }

    // ---- descriptions for messages ----

    /** Plain words for a JSON value, as in "got the string "abc"" or "got a datetime (dt-tagged)". */
    static String describe(JsonValue value) {
        if (value == null) {
            return "nothing";
        }
        switch (value.getValueType()) {
            case NULL:
                return "null";
            case TRUE:
                return "the boolean true";
            case FALSE:
                return "the boolean false";
            case NUMBER:
                return "the number " + value;
            case STRING:
                return "the string " + quote(((JsonString) value).getString());
            case ARRAY:
                return "a list (JSON array)";
            case OBJECT: {
                JsonObject object = (JsonObject) value;
                if (!object.containsKey(CLASS_KEY)) {
                    return "a JSON object";
                }
                String tag = tagOf(object);
                if (DATETIME.equals(tag)) {
                    return "a datetime (dt-tagged)";
                } else if (DATE.equals(tag)) {
                    return "a date (date-tagged)";
                } else if (BYTES.equals(tag)) {
                    return "a bytes value (b64-tagged)";
                } else if (tag != null) {
                    return "an object tagged as " + quote(tag);
                }
                return "a malformed tagged object";
            }
            default:
                return value.getValueType().toString();
        }
    }

    /** A caller's string quoted and escaped the JSON way, shortened so a huge argument cannot flood a message. */
    static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return JSON.createValue(shown).toString();
    }
}
