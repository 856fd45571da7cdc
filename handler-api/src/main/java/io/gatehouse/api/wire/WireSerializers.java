package io.gatehouse.api.wire;

import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * The JSON-B serializers that write the JEncode tags, and the deserializer that decodes Object positions.
 *
 * <p>Yasson picks a registered serializer by the runtime class of each value (exact class, its direct interfaces,
 * then its superclasses), so these apply at any depth: inside records, POJOs, lists, arrays, Optionals and maps,
 * and for values held in Object-typed places. The tests check each of those. A java.sql.Timestamp is matched by
 * its superclass Date; every Map implementation by its Map interface (directly or through AbstractMap).
 */
final class WireSerializers {

    private WireSerializers() {
    }

    static JsonbSerializer<?>[] all() {
        return new JsonbSerializer<?>[] {
            new LocalDateTimeSerializer(), new InstantSerializer(), new OffsetDateTimeSerializer(),
            new ZonedDateTimeSerializer(), new DateSerializer(), new LocalDateSerializer(), new BytesSerializer(),
            new MapSerializer()
        };
    }

    static void writeTag(JsonGenerator generator, String tag, String text) {
        generator.writeStartObject();
        generator.write(WireTags.CLASS_KEY, tag);
        generator.write(WireTags.OBJ_KEY, text);
        generator.writeEnd();
    }

    static void writeDateTime(JsonGenerator generator, LocalDateTime utc) {
        writeTag(generator, WireTags.DATETIME, WireTags.formatDateTime(utc));
    }

    static void writeDate(JsonGenerator generator, LocalDate date) {
        writeTag(generator, WireTags.DATE, WireTags.formatDate(date));
    }

    static void writeBytes(JsonGenerator generator, byte[] bytes) {
        writeTag(generator, WireTags.BYTES, Base64.getEncoder().encodeToString(bytes));
    }

    /** A LocalDateTime is taken to be UTC already: DIRAC's datetimes are naive UTC. */
    static final class LocalDateTimeSerializer implements JsonbSerializer<LocalDateTime> {
        @Override
        public void serialize(LocalDateTime value, JsonGenerator generator, SerializationContext context) {
            writeDateTime(generator, value);
        }
    }

    static final class InstantSerializer implements JsonbSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            writeDateTime(generator, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    static final class OffsetDateTimeSerializer implements JsonbSerializer<OffsetDateTime> {
        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
            writeDateTime(generator, value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
    }

    static final class ZonedDateTimeSerializer implements JsonbSerializer<ZonedDateTime> {
        @Override
        public void serialize(ZonedDateTime value, JsonGenerator generator, SerializationContext context) {
            writeDateTime(generator, LocalDateTime.ofInstant(value.toInstant(), ZoneOffset.UTC));
        }
    }

    /** Through getTime(): java.sql.Date, a Date subclass, throws from toInstant(). */
    static final class DateSerializer implements JsonbSerializer<Date> {
        @Override
        public void serialize(Date value, JsonGenerator generator, SerializationContext context) {
            writeDateTime(generator, LocalDateTime.ofInstant(Instant.ofEpochMilli(value.getTime()), ZoneOffset.UTC));
        }
    }

    static final class LocalDateSerializer implements JsonbSerializer<LocalDate> {
        @Override
        public void serialize(LocalDate value, JsonGenerator generator, SerializationContext context) {
            writeDate(generator, value);
        }
    }

    /** Registered for byte[] it wins over the BASE_64 binary strategy, which is there for binding only. */
    static final class BytesSerializer implements JsonbSerializer<byte[]> {
        @Override
        public void serialize(byte[] value, JsonGenerator generator, SerializationContext context) {
            writeBytes(generator, value);
        }
    }

    /**
     * Writes every map as a JSON object with String.valueOf(key) keys (an enum key by its name). Yasson would write
     * a map whose keys are not strings as an array of {"key":..,"value":..} entries, which DIRAC cannot read; and
     * it writes a null map value only when told to, so nulls are written here explicitly.
     */
    @SuppressWarnings("rawtypes") // Yasson matches serializers by raw class; Map<?, ?> would never match.
    static final class MapSerializer implements JsonbSerializer<Map> {
        @Override
        public void serialize(Map map, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject();
            for (Object item : map.entrySet()) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
                Object key = entry.getKey();
                String name = key instanceof Enum<?> constant ? constant.name() : String.valueOf(key);
                if (entry.getValue() == null) {
                    generator.writeNull(name);
                } else {
                    context.serialize(name, entry.getValue(), generator);
                }
            }
            generator.writeEnd();
        }
    }

    /**
     * Decodes the JSON at an Object-typed place inside a list, map, record or POJO exactly like a top-level Object
     * parameter (tags to LocalDateTime/LocalDate/byte[], objects to LinkedHashMap, integers to Integer/Long...),
     * instead of Yasson's own untyped mapping (BigDecimal numbers, HashMap, tags left as maps). Yasson uses a
     * deserializer registered for Object only where Object is the declared type.
     */
    static final class ObjectDeserializer implements JsonbDeserializer<Object> {
        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return WireTags.decode(parser.getValue());
        }
    }
}
