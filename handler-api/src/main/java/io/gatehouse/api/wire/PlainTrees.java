package io.gatehouse.api.wire;

import jakarta.json.stream.JsonGenerator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values most replies are made of, written straight to the JSON-P generator: maps, lists and sets holding
 * strings, booleans, ints, longs, finite doubles, datetimes ({@link LocalDateTime}, {@link Instant}), dates, bytes
 * and nulls, to any depth up to {@link #MAX_DEPTH}. The text is the one JSON-B writes with {@link WireSerializers}
 * (a test compares them value by value); JSON-B's per-call setup costs more than writing such a reply, and a
 * {@code ping} reply is one. Anything else (records, POJOs, arrays, enums, other numbers...) is left to JSON-B.
 */
final class PlainTrees {

    /** Deeper values are left to JSON-B; replies are checked against a lower limit before they are encoded. */
    static final int MAX_DEPTH = 128;

    private PlainTrees() {
    }

    /** True when {@link #write} writes this value. */
    static boolean isPlain(Object value) {
        return isPlain(value, 0);
    }

    private static boolean isPlain(Object value, int depth) {
        if (value == null || isScalar(value)) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!isPlainKey(entry.getKey()) || !isPlain(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> || value instanceof Set<?>) {
            for (Object item : (Iterable<?>) value) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double number && Double.isFinite(number)
                || value instanceof LocalDateTime || value instanceof Instant || value instanceof LocalDate
                || value instanceof byte[];
    }

    // Keys are written as String.valueOf(key), as the map serializer does; enums (by name) are left to it.
    private static boolean isPlainKey(Object key) {
        return key == null || key instanceof String || key instanceof Integer || key instanceof Long;
    }

    /** Writes a value {@link #isPlain} accepted, as the next value of the generator (after a key in an object). */
    static void write(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.write(text);
        } else if (value instanceof Boolean bool) {
            generator.write(bool);
        } else if (value instanceof Integer number) {
            generator.write(number);
        } else if (value instanceof Long number) {
            generator.write(number);
        } else if (value instanceof Double number) {
            generator.write(number);
        } else if (value instanceof LocalDateTime utc) {
            WireSerializers.writeDateTime(generator, utc);
        } else if (value instanceof Instant instant) {
            WireSerializers.writeDateTime(generator, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof LocalDate date) {
            WireSerializers.writeDate(generator, date);
        } else if (value instanceof byte[] bytes) {
            WireSerializers.writeBytes(generator, bytes);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeKey(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEnd();
        } else {
            generator.writeStartArray();
            for (Object item : (Iterable<?>) value) {
                write(generator, item);
            }
            generator.writeEnd();
        }
    }
}
