package io.gatehouse.api.wire;

import static io.gatehouse.api.wire.JsonTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JEncodeBindabilityTest {

    public enum Colour { RED }

    public record Point(int x, int y) {
    }

    public record Node(String name, List<Node> children, Map<String, Node> index) {
    }

    public record Task(String name, Runnable action) {
    }

    public record Outer(List<Task> tasks) {
    }

    public record Box<T>(T value) {
    }

    public static class Bean {
        public List<Point> points;

        public void setWhen(LocalDateTime when) {
        }
    }

    public static class BeanWithBadSetter {
        public void setSource(InputStream source) {
        }
    }

    public static class NoDefaultConstructor {
        public NoDefaultConstructor(int value) {
        }
    }

    static class NotPublic {
        public int value;
    }

    public class Inner {
        public int value;
    }

    public static class CustomList extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
    }

    /** Bound by its own deserializer: we pass the JSON through unchecked. */
    @JsonbTypeDeserializer(Celsius.Reader.class)
    public static class Celsius {
        final double degrees;

        Celsius(double degrees) {
            this.degrees = degrees;
        }

        public static class Reader implements JsonbDeserializer<Celsius> {
            @Override
            public Celsius deserialize(JsonParser parser, DeserializationContext context, Type type) {
                return new Celsius(parser.getBigDecimal().doubleValue());
            }
        }
    }

    public record Holiday(@JsonbDateFormat("dd.MM.yyyy") LocalDate day, String name) {
    }

    /** Parameters of these methods supply the generic types under test. */
    @SuppressWarnings({"unused", "rawtypes"})
    public interface Signatures {
        void good(List<String> a, Map<String, List<Point>> b, Map<Integer, String> c, Map<Long, Object> d,
                  Optional<LocalDate> e, List f, Map g, java.util.SortedSet<Colour> h, java.util.Deque<byte[]> i,
                  Map<String, JsonObject> j, Optional<List<Node>> k);

        <T> void bad(Map<Object, String> a, Map<Point, String> b, List<Runnable> c, Map<String, InputStream> d,
                     List<? extends Number> e, T f, Box<String> g, List<String>[] h, EnumSet<Colour> i,
                     Optional<Runnable> j, Comparable<String> k);
    }

    private static Type[] parameters(String method) {
        for (Method m : Signatures.class.getMethods()) {
            if (m.getName().equals(method)) {
                return m.getGenericParameterTypes();
            }
        }
        throw new AssertionError(method);
    }

    private static String reason(Type type) {
        Optional<String> reason = JEncode.unbindableReason(type);
        assertTrue(reason.isPresent(), () -> type + " should not be bindable");
        assertFalse(JEncode.isBindable(type));
        return reason.get();
    }

    @Test
    void supportedTypesAreBindable() {
        for (Type type : List.of(int.class, long.class, double.class, boolean.class, char.class, Integer.class,
                String.class, BigDecimal.class, java.math.BigInteger.class, byte[].class, LocalDateTime.class,
                LocalDate.class, java.time.Instant.class, java.time.OffsetDateTime.class, Colour.class, Object.class,
                JsonValue.class, JsonObject.class, jakarta.json.JsonArray.class, jakarta.json.JsonString.class,
                jakarta.json.JsonNumber.class, jakarta.json.JsonStructure.class, Point.class, Node.class, Bean.class,
                int[][].class, Object[].class, Point[].class, List.class, Map.class, Celsius.class, Holiday.class)) {
            assertEquals(Optional.empty(), JEncode.unbindableReason(type), type::getTypeName);
            assertTrue(JEncode.isBindable(type));
        }
        for (Type type : parameters("good")) {
            assertEquals(Optional.empty(), JEncode.unbindableReason(type), type::getTypeName);
        }
    }

    @Test
    void interfacesAreNotBindable() {
        assertEquals("Runnable is an interface; the only interfaces that can be bound are "
                + "List, Set, SortedSet, Collection, Queue, Deque, Map, SortedMap and the jakarta.json types",
                reason(Runnable.class));
        assertTrue(reason(CharSequence.class).contains("CharSequence is an interface"));
    }

    @Test
    void abstractClassesAreNotBindable() {
        assertEquals("InputStream is an abstract class", reason(InputStream.class));
        assertTrue(reason(Number.class).contains("Number is an abstract class"));
    }

    @Test
    void classesWithoutAPublicNoArgConstructorAreNotBindable() {
        assertTrue(reason(NoDefaultConstructor.class).contains(
                "NoDefaultConstructor has no public no-argument constructor and is not a record or an enum"));
    }

    @Test
    void nonPublicAndInnerClassesAreNotBindable() {
        assertTrue(reason(NotPublic.class).contains("NotPublic is not public"));
        assertTrue(reason(Inner.class).contains("Inner is an inner class"));
    }

    @Test
    void platformClassesAreNotBoundAsPojos() {
        assertTrue(reason(Date.class).contains("java.util.Date is not a supported parameter type"));
        assertTrue(reason(Thread.class).contains("java.lang.Thread is not a supported parameter type"));
        assertTrue(reason(CustomList.class).contains("CustomList is not a supported collection type"));
    }

    @Test
    void unbindableTypesNestedInGenericsAreFound() {
        Type[] bad = parameters("bad");
        assertTrue(reason(bad[0]).contains("the map key type Object in Map<Object, String> cannot be bound"));
        assertTrue(reason(bad[1]).contains("the map key type Point"));
        assertEquals("Runnable is an interface; the only interfaces that can be bound "
                + "are List, Set, SortedSet, Collection, Queue, Deque, Map, SortedMap and the jakarta.json types",
                reason(bad[2]));
        assertTrue(reason(bad[3]).contains("InputStream is an abstract class"));
        assertTrue(reason(bad[9]).contains("Runnable is an interface"));
    }

    @Test
    void wildcardsTypeVariablesAndGenericClassesAreNotBindable() {
        Type[] bad = parameters("bad");
        assertTrue(reason(bad[4]).contains("the wildcard type ? extends Number cannot be bound"));
        assertEquals("the type variable T cannot be bound; declare the concrete type",
                reason(bad[5]));
        assertTrue(reason(bad[6]).contains("the generic type Box<String> cannot be bound"));
        assertTrue(reason(Box.class).contains("generic class"));
        assertTrue(reason(bad[7]).contains("the generic array type List<String>[] cannot be bound"));
        assertTrue(reason(bad[8]).contains("EnumSet"));
        assertTrue(reason(bad[10]).contains("Comparable is an interface"));
    }

    @Test
    void unbindableRecordComponentsAndPropertiesAreFound() {
        assertEquals("Runnable is an interface; the only interfaces that can be bound are List, "
                + "Set, SortedSet, Collection, Queue, Deque, Map, SortedMap and the jakarta.json types (in component "
                + "\"action\" of record Task)", reason(Task.class));
        assertTrue(reason(Outer.class).endsWith(
                "(in component \"action\" of record Task) (in component \"tasks\" of record Outer)"));
        assertTrue(reason(BeanWithBadSetter.class)
                .contains("InputStream is an abstract class (in property \"source\" of class BeanWithBadSetter)"));
        assertTrue(reason(Optional.class).contains("Optional needs its type argument"));
        assertTrue(reason(void.class).contains("void"));
    }

    @Test
    void classesWithTheirOwnDeserializerAreBoundByIt() {
        assertEquals(21.5, ((Celsius) JEncode.bind(json("21.5"), Celsius.class)).degrees);
    }

    @Test
    void propertiesWithTheirOwnFormatGetTheJsonAsSent() {
        Holiday holiday = (Holiday) JEncode.bind(json("{'day':'25.12.2024','name':'Christmas'}"), Holiday.class);
        assertEquals(LocalDate.of(2024, 12, 25), holiday.day());
        assertEquals("Christmas", holiday.name());
    }
}
