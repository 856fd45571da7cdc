package io.gatehouse.api.wire;

import static io.gatehouse.api.wire.JsonTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class JEncodeBindTest {

    private static final LocalDateTime T = LocalDateTime.of(2024, 1, 31, 12, 34, 56);
    private static final String T_TAG = "{'__dCls':'dt','obj':'2024-01-31 12:34:56'}";

    public enum Status { WAITING, RUNNING, DONE }

    public record Point(int x, int y) {
    }

    public record Job(String name, Status status, LocalDateTime submitted, LocalDate day, byte[] input,
                      List<Point> path, Map<String, Integer> counts, Object extra, Optional<String> comment) {
    }

    public record Note(Optional<Object> attachment, Object meta) {
    }

    public record Renamed(@JsonbProperty("job_id") long jobId) {
    }

    public record Tree(String label, List<Tree> children) {
    }

    public static class Settings {
        public String owner;
        public List<LocalDate> holidays;
        private int retries = 3;

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }
    }

    /** The declared types of these fields are the parameter types the tests bind to. */
    public static class Types {
        public List<String> listOfStrings;
        public Collection<Integer> collectionOfIntegers;
        public Set<String> setOfStrings;
        public SortedSet<String> sortedSet;
        public Deque<Long> deque;
        public List<List<Integer>> nestedLists;
        public List<LocalDateTime> listOfDatetimes;
        public List<byte[]> listOfBytes;
        public List<Object> listOfObjects;
        public List<Point> listOfPoints;
        public List<JsonObject> listOfJsonObjects;
        public Map<String, Integer> mapOfIntegers;
        public Map<String, Object> mapOfObjects;
        public Map<Integer, String> integerKeys;
        public Map<Long, List<LocalDate>> longKeys;
        public Optional<String> optionalString;
        public Optional<LocalDate> optionalDate;
        @SuppressWarnings("rawtypes")
        public List rawList;
    }

    static Type type(String field) {
        try {
            return Types.class.getField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    static Object bind(String singleQuotedJson, Type type) {
        return JEncode.bind(json(singleQuotedJson), type);
    }

    static String rejection(String singleQuotedJson, Type type) {
        return assertThrows(ArgumentException.class, () -> bind(singleQuotedJson, type)).getMessage();
    }

    // ---- scalars ----

    @Test
    void primitivesAndBoxes() {
        assertEquals(42, bind("42", int.class));
        assertEquals(-7, bind("-7", Integer.class));
        assertEquals(9_000_000_000L, bind("9000000000", long.class));
        assertEquals((short) 300, bind("300", short.class));
        assertEquals((byte) -128, bind("-128", byte.class));
        assertEquals(1.5, bind("1.5", double.class));
        assertEquals(3.0, bind("3", Double.class));
        assertEquals(0.25f, bind("0.25", float.class));
        assertEquals(true, bind("true", boolean.class));
        assertEquals(false, bind("false", Boolean.class));
        assertEquals('x', bind("'x'", char.class));
        assertNull(bind("null", Integer.class));
        assertNull(JEncode.bind(null, Long.class));
    }

    @Test
    void stringsAndBigNumbers() {
        assertEquals("héllo", bind("'héllo'", String.class));
        assertNull(bind("null", String.class));
        assertEquals(new BigDecimal("12.50"), bind("12.50", BigDecimal.class));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                bind("123456789012345678901234567890", BigInteger.class));
    }

    @Test
    void enumsByName() {
        assertEquals(Status.RUNNING, bind("'RUNNING'", Status.class));
    }

    @Test
    void datetimesFromTagsAndIsoStrings() {
        assertEquals(T, bind(T_TAG, LocalDateTime.class));
        assertEquals(T, bind("'2024-01-31T12:34:56'", LocalDateTime.class));
        assertEquals(T, bind("'2024-01-31 12:34:56'", LocalDateTime.class));
        assertEquals(T.withNano(123_000_000), bind("'2024-01-31T12:34:56.123'", LocalDateTime.class));
        assertEquals(T.toInstant(ZoneOffset.UTC), bind(T_TAG, Instant.class));
        assertEquals(T.toInstant(ZoneOffset.UTC), bind("'2024-01-31T13:34:56+01:00'", Instant.class));
        assertEquals(T.atOffset(ZoneOffset.UTC), bind(T_TAG, OffsetDateTime.class));
    }

    @Test
    void datesFromTagsAndIsoStrings() {
        assertEquals(LocalDate.of(2024, 2, 29), bind("{'__dCls':'date','obj':'2024-02-29'}", LocalDate.class));
        assertEquals(LocalDate.of(2024, 2, 29), bind("'2024-02-29'", LocalDate.class));
    }

    @Test
    void bytesFromB64Tags() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) bind("{'__dCls':'b64','obj':'AQID'}", byte[].class));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, (byte[]) bind("{'__dCls':'b64','obj':'+/8='}",
                byte[].class));
        assertArrayEquals(new byte[0], (byte[]) bind("{'__dCls':'b64','obj':''}", byte[].class));
    }

    @Test
    void objectParametersAreDecoded() {
        assertEquals(T, bind(T_TAG, Object.class));
        assertEquals(Map.of("a", List.of(1, 2.5)), bind("{'a':[1,2.5]}", Object.class));
        assertNull(bind("null", Object.class));
    }

    // ---- jakarta.json values ----

    @Test
    void jsonValueParametersGetTheRawValue() {
        JsonValue tagged = json(T_TAG);
        assertSame(tagged, JEncode.bind(tagged, JsonValue.class));
        assertSame(tagged, JEncode.bind(tagged, JsonObject.class));
        assertSame(tagged, JEncode.bind(tagged, JsonStructure.class));
        JsonValue array = json("[1]");
        assertSame(array, JEncode.bind(array, JsonArray.class));
        assertEquals("s", ((JsonString) bind("'s'", JsonString.class)).getString());
        assertEquals(7, ((JsonNumber) bind("7", JsonNumber.class)).intValue());
        assertSame(JsonValue.NULL, bind("null", JsonValue.class));
        assertNull(bind("null", JsonObject.class));
    }

    @Test
    void jsonValueParametersAreTypeChecked() {
        assertEquals("expected a JSON object (JsonObject), got a list (JSON array)",
                rejection("[1]", JsonObject.class));
        assertEquals("expected a JSON array (JsonArray), got a JSON object", rejection("{}", JsonArray.class));
        assertEquals("expected a string (JsonString), got the number 1", rejection("1", JsonString.class));
        assertEquals("expected a number (JsonNumber), got the string \"1\"", rejection("'1'", JsonNumber.class));
    }

    @Test
    void jsonValuesInsideAList() {
        @SuppressWarnings("unchecked")
        List<JsonObject> list = (List<JsonObject>) bind("[{'a':1}," + T_TAG + "]", type("listOfJsonObjects"));
        assertEquals(json("{'a':1}"), list.get(0));
        assertEquals(json(T_TAG), list.get(1));
        assertEquals("expected a list of JSON objects (List<JsonObject>); at [0]: expected a JSON object "
                + "(JsonObject), got the number 1", rejection("[1]", type("listOfJsonObjects")));
    }

    // ---- collections, maps, arrays ----

    @Test
    void collections() {
        assertEquals(List.of("a", "b"), bind("['a','b']", type("listOfStrings")));
        assertEquals(List.of(1, 2), bind("[1,2]", type("collectionOfIntegers")));
        assertEquals(Set.of("a", "b"), bind("['a','b','a']", type("setOfStrings")));
        assertEquals(new TreeSet<>(List.of("a", "b")), bind("['b','a']", type("sortedSet")));
        assertEquals(List.of(1L, 2L), List.copyOf((Deque<?>) bind("[1,2]", type("deque"))));
        assertEquals(List.of(List.of(1), List.of()), bind("[[1],[]]", type("nestedLists")));
        assertEquals(Arrays.asList("a", null), bind("['a',null]", type("listOfStrings")));
        assertEquals(List.of(T, T), bind("[" + T_TAG + ",'2024-01-31T12:34:56']", type("listOfDatetimes")));
        List<?> bytes = (List<?>) bind("[{'__dCls':'b64','obj':'AQ=='}]", type("listOfBytes"));
        assertArrayEquals(new byte[] {1}, (byte[]) bytes.get(0));
    }

    @Test
    void objectElementsAreDecodedLikeObjectParameters() {
        List<?> list = (List<?>) bind("[1,5000000000,1.5,'s'," + T_TAG + ",{'__dCls':'date','obj':'2024-01-01'},"
                + "{'__dCls':'b64','obj':'AQ=='},{'k':[true]},null]", type("listOfObjects"));
        assertEquals(1, list.get(0));
        assertEquals(5_000_000_000L, list.get(1));
        assertEquals(1.5, list.get(2));
        assertEquals("s", list.get(3));
        assertEquals(T, list.get(4));
        assertEquals(LocalDate.of(2024, 1, 1), list.get(5));
        assertArrayEquals(new byte[] {1}, (byte[]) list.get(6));
        assertInstanceOf(java.util.LinkedHashMap.class, list.get(7));
        assertEquals(Map.of("k", List.of(true)), list.get(7));
        assertNull(list.get(8));
        assertEquals(9, list.size());
    }

    @Test
    void maps() {
        assertEquals(Map.of("a", 1, "b", 2), bind("{'a':1,'b':2}", type("mapOfIntegers")));
        Map<?, ?> objects = (Map<?, ?>) bind("{'when':" + T_TAG + ",'n':null}", type("mapOfObjects"));
        assertEquals(T, objects.get("when"));
        assertTrue(objects.containsKey("n"));
        assertEquals(Map.of(1, "one", -2, "minus two"), bind("{'1':'one','-2':'minus two'}", type("integerKeys")));
        assertEquals(Map.of(5_000_000_000L, List.of(LocalDate.of(2024, 1, 1))),
                bind("{'5000000000':[{'__dCls':'date','obj':'2024-01-01'}]}", type("longKeys")));
    }

    @Test
    void integerKeysRoundTripThroughTheEncoder() {
        Map<Integer, String> map = Map.of(1, "a", 22, "b");
        assertEquals(map, JEncode.bind(JsonTestSupport.parse(JEncode.encode(map)), type("integerKeys")));
    }

    @Test
    void arrays() {
        assertArrayEquals(new int[] {1, 2}, (int[]) bind("[1,2]", int[].class));
        assertArrayEquals(new String[] {"a"}, (String[]) bind("['a']", String[].class));
        assertArrayEquals(new LocalDate[] {LocalDate.of(2024, 1, 1)},
                (LocalDate[]) bind("[{'__dCls':'date','obj':'2024-01-01'}]", LocalDate[].class));
        assertArrayEquals(new Object[] {T, 1}, (Object[]) bind("[" + T_TAG + ",1]", Object[].class));
    }

    @Test
    void optionals() {
        assertEquals(Optional.of("x"), bind("'x'", type("optionalString")));
        assertEquals(Optional.empty(), bind("null", type("optionalString")));
        assertEquals(Optional.of(LocalDate.of(2024, 1, 1)),
                bind("{'__dCls':'date','obj':'2024-01-01'}", type("optionalDate")));
    }

    @Test
    void rawCollectionsHoldDecodedObjects() {
        assertEquals(List.of(T, 1), bind("[" + T_TAG + ",1]", type("rawList")));
    }

    // ---- records and POJOs ----

    @Test
    void recordWithNestedTagsAndContainers() {
        Job job = (Job) bind("{'name':'j','status':'DONE','submitted':" + T_TAG + ","
                + "'day':{'__dCls':'date','obj':'2024-01-01'},'input':{'__dCls':'b64','obj':'AQI='},"
                + "'path':[{'x':1,'y':2}],'counts':{'a':1},'extra':" + T_TAG + ",'comment':'c'}", Job.class);
        assertEquals("j", job.name());
        assertEquals(Status.DONE, job.status());
        assertEquals(T, job.submitted());
        assertEquals(LocalDate.of(2024, 1, 1), job.day());
        assertArrayEquals(new byte[] {1, 2}, job.input());
        assertEquals(List.of(new Point(1, 2)), job.path());
        assertEquals(Map.of("a", 1), job.counts());
        assertEquals(T, job.extra());
        assertEquals(Optional.of("c"), job.comment());
    }

    @Test
    void recordReferenceComponentsMayBeMissingOrNull() {
        Job job = (Job) bind("{'name':null}", Job.class);
        assertNull(job.name());
        assertNull(job.submitted());
        assertNull(job.path());
    }

    @Test
    void recordTaggedWithAPythonClassBindsItsAttributes() {
        assertEquals(new Point(3, 4), bind("{'__dCls':'Point','__dMod':'geometry','x':3,'y':4}", Point.class));
    }

    @Test
    void objectComponentsOfARecordAreDecoded() {
        Note note = (Note) bind("{'attachment':" + T_TAG + ",'meta':{'k':{'__dCls':'date','obj':'2024-01-01'}}}",
                Note.class);
        assertEquals(Optional.of(T), note.attachment());
        assertEquals(Map.of("k", LocalDate.of(2024, 1, 1)), note.meta());
        Note empty = (Note) bind("{'attachment':null,'meta':null}", Note.class);
        assertEquals(Optional.empty(), empty.attachment());
        assertNull(empty.meta());
    }

    @Test
    void renamedComponentAndRecursiveRecord() {
        assertEquals(new Renamed(7), bind("{'job_id':7}", Renamed.class));
        Tree tree = (Tree) bind("{'label':'root','children':[{'label':'leaf','children':[]}]}", Tree.class);
        assertEquals("leaf", tree.children().get(0).label());
        assertEquals("expected a Tree object (Tree); at children[0].children[0].label: expected a string (String), "
                + "got the number 1", rejection("{'children':[{'children':[{'label':1}]}]}", Tree.class));
    }

    @Test
    void pojo() {
        Settings settings = (Settings) bind("{'owner':'me','holidays':[{'__dCls':'date','obj':'2024-12-25'}],"
                + "'retries':5,'unknown':1}", Settings.class);
        assertEquals("me", settings.owner);
        assertEquals(List.of(LocalDate.of(2024, 12, 25)), settings.holidays);
        assertEquals(5, settings.getRetries());
        assertEquals(3, ((Settings) bind("{}", Settings.class)).getRetries());
    }

    @Test
    void pojoPropertiesAreChecked() {
        assertEquals("expected a Settings object (Settings); at retries: expected an integer (int), got the string "
                + "\"5\"", rejection("{'retries':'5'}", Settings.class));
        assertEquals("expected a Settings object (Settings); at holidays[1]: expected a date (LocalDate), got the "
                + "string \"Christmas\", which is not a date like \"2024-01-31\"",
                rejection("{'holidays':['2024-12-24','Christmas']}", Settings.class));
    }

    // ---- strictness ----

    @Test
    void stringForAnIntIsRejected() {
        assertEquals("expected an integer (int), got the string \"abc\"", rejection("'abc'", int.class));
        assertEquals("expected an integer (Integer), got the string \"12\"", rejection("'12'", Integer.class));
    }

    @Test
    void fractionForAnIntegerIsRejected() {
        assertEquals("expected an integer (int), got the number 1.5, which is not an integer",
                rejection("1.5", int.class));
        assertEquals("expected an integer (long), got the number 2.0, which is not an integer",
                rejection("2.0", long.class));
        assertEquals("expected an integer (BigInteger), got the number 0.1, which is not an integer",
                rejection("0.1", BigInteger.class));
        // JSON-P and Python both read an exponent as a float, so 1e2 is no more an int than 100.0 is.
        assertEquals("expected an integer (int), got the number 1E+2, which is not an integer",
                rejection("1e2", int.class));
    }

    @Test
    void outOfRangeIntegersAreRejected() {
        assertEquals("expected an integer (int), got the number 3000000000, which is out of range for int "
                + "(-2147483648 to 2147483647)", rejection("3000000000", int.class));
        assertEquals("expected an integer (byte), got the number 300, which is out of range for byte (-128 to 127)",
                rejection("300", byte.class));
        assertTrue(rejection("40000", Short.class).contains("out of range for Short"));
        assertTrue(rejection("9223372036854775808", long.class).contains("out of range for long"));
        assertTrue(rejection("-9223372036854775809", long.class).contains("out of range for long"));
    }

    @Test
    void outOfRangeFloatingNumbersAreRejected() {
        assertEquals("expected a number (double), got the number 1E+400, which is out of range for double",
                rejection("1e400", double.class));
        assertTrue(rejection("1e39", float.class).contains("out of range for float"));
    }

    @Test
    void numbersAndBooleansForAStringAreRejected() {
        assertEquals("expected a string (String), got the number 5", rejection("5", String.class));
        assertEquals("expected a string (String), got the boolean true", rejection("true", String.class));
        assertEquals("expected a string (String), got a datetime (dt-tagged)", rejection(T_TAG, String.class));
    }

    @Test
    void otherKindMistakesAreRejected() {
        assertEquals("expected a boolean (boolean), got the string \"true\"", rejection("'true'", boolean.class));
        assertEquals("expected a boolean (Boolean), got the number 1", rejection("1", Boolean.class));
        assertEquals("expected a number (double), got the string \"1.5\"", rejection("'1.5'", double.class));
        assertEquals("expected a number (BigDecimal), got the string \"1.5\"", rejection("'1.5'", BigDecimal.class));
        assertEquals("expected a single-character string (char), got the string \"ab\"", rejection("'ab'", char.class));
        assertEquals("expected one of WAITING, RUNNING, DONE (Status), got the string \"done\"",
                rejection("'done'", Status.class));
        assertEquals("expected a Point object (Point), got a list (JSON array)", rejection("[1,2]", Point.class));
        assertEquals("expected a Point object (Point), got a date (date-tagged)",
                rejection("{'__dCls':'date','obj':'2024-01-01'}", Point.class));
    }

    @Test
    void nullForAPrimitiveIsRejected() {
        assertEquals("expected an integer (int), got null (a primitive int cannot be null)",
                rejection("null", int.class));
        assertEquals("expected a boolean (boolean), got null (a primitive boolean cannot be null)",
                rejection("null", boolean.class));
        assertEquals("expected a Point object (Point); at y: expected an integer (int), got null (a primitive int "
                + "cannot be null)", rejection("{'x':1,'y':null}", Point.class));
        assertEquals("expected a list of integers (int[]); at [1]: expected an integer (int), got null (a primitive "
                + "int cannot be null)", rejection("[1,null]", int[].class));
    }

    @Test
    void missingPrimitiveRecordComponentIsRejected() {
        assertEquals("expected a Point object (Point); field \"y\" (int) is missing",
                rejection("{'x':1}", Point.class));
        assertEquals("expected a list of Point objects (List<Point>); at [1]: field \"x\" (int) is missing",
                rejection("[{'x':1,'y':2},{'y':2}]", type("listOfPoints")));
    }

    @Test
    void unknownRecordFieldIsRejected() {
        assertEquals("expected a Point object (Point); unknown field \"z\" (the fields of Point are: x, y)",
                rejection("{'x':1,'y':2,'z':3}", Point.class));
    }

    @Test
    void nonArrayForAListIsRejected() {
        assertEquals("expected a list of strings (List<String>), got the string \"a\"",
                rejection("'a'", type("listOfStrings")));
        assertEquals("expected a list of integers (int[]), got a JSON object", rejection("{}", int[].class));
    }

    @Test
    void wrongElementsAreRejectedWithTheirPosition() {
        assertEquals("expected a list of strings (List<String>); at [2]: expected a string (String), got the number 5",
                rejection("['a','b',5]", type("listOfStrings")));
        assertEquals("expected a list of lists of integers (List<List<Integer>>); at [1][0]: expected an integer "
                + "(Integer), got the number 1.5, which is not an integer",
                rejection("[[1],[1.5]]", type("nestedLists")));
        assertEquals("expected a list of strings (Set<String>); at [0]: expected a string (String), got the "
                + "boolean false",
                rejection("[false]", type("setOfStrings")));
    }

    @Test
    void wrongMapValuesAndKeysAreRejected() {
        assertEquals("expected a JSON object with integer values (Map<String, Integer>); at [\"b\"]: expected an "
                + "integer (Integer), got the string \"2\"", rejection("{'a':1,'b':'2'}", type("mapOfIntegers")));
        assertEquals("expected a JSON object with integer keys and string values (Map<Integer, String>); at "
                + "[\"one\"]: expected an integer key (Integer), got the key \"one\"",
                rejection("{'one':'1'}", type("integerKeys")));
        assertTrue(rejection("{'3000000000':'x'}", type("integerKeys")).contains("expected an integer key"));
        assertEquals("expected a JSON object with integer values (Map<String, Integer>), got a list (JSON array)",
                rejection("[]", type("mapOfIntegers")));
    }

    @Test
    void wrongRecordComponentsAreRejected() {
        assertEquals("expected a Job object (Job); at path[0].x: expected an integer (int), got the string \"1\"",
                rejection("{'path':[{'x':'1','y':2}]}", Job.class));
        assertEquals("expected a Job object (Job); at counts[\"a\"]: expected an integer (Integer), got the number "
                + "1.5, which is not an integer", rejection("{'counts':{'a':1.5}}", Job.class));
        assertEquals("expected a Job object (Job); at status: expected one of WAITING, RUNNING, DONE (Status), got "
                + "the number 1", rejection("{'status':1}", Job.class));
        assertEquals("expected a Job object (Job); at comment: expected a string (String), got the number 1",
                rejection("{'comment':1}", Job.class));
    }

    @Test
    void badDatetimesAreRejected() {
        assertEquals("expected a datetime (LocalDateTime), got the string \"tomorrow\", which is not a datetime like "
                + "\"2024-01-31 12:00:00\"", rejection("'tomorrow'", LocalDateTime.class));
        assertEquals("expected a datetime (LocalDateTime), got the number 1706700000",
                rejection("1706700000", LocalDateTime.class));
        assertEquals("expected a datetime (LocalDateTime), got a date (date-tagged)",
                rejection("{'__dCls':'date','obj':'2024-01-31'}", LocalDateTime.class));
        assertEquals("expected a datetime (LocalDateTime); malformed dt value: \"2024-13-01 00:00:00\" is not a "
                + "datetime like \"2024-01-31 12:00:00\"",
                rejection("{'__dCls':'dt','obj':'2024-13-01 00:00:00'}", LocalDateTime.class));
        assertTrue(rejection("'2024-01-31T12:00:00'", Instant.class).contains("a datetime with an offset"));
        assertEquals("expected a date (LocalDate), got a datetime (dt-tagged)", rejection(T_TAG, LocalDate.class));
        assertEquals("expected a list of datetimes (List<LocalDateTime>); at [1]: expected a datetime "
                + "(LocalDateTime), got the string \"soon\", which is not a datetime like \"2024-01-31 12:00:00\"",
                rejection("[" + T_TAG + ",'soon']", type("listOfDatetimes")));
    }

    @Test
    void badBytesAreRejected() {
        assertTrue(rejection("{'__dCls':'b64','obj':'not base64!'}", byte[].class)
                .startsWith("expected a bytes value (byte[]); malformed b64 value: invalid base64"));
        assertEquals("expected a bytes value (byte[]), got the string \"AQID\"", rejection("'AQID'", byte[].class));
        assertEquals("expected a bytes value (byte[]), got a list (JSON array)", rejection("[1,2,3]", byte[].class));
        assertTrue(rejection("[{'__dCls':'b64','obj':'%%'}]", type("listOfBytes"))
                .startsWith("expected a list of bytes values (List<byte[]>); at [0]: malformed b64 value"));
    }

    @Test
    void malformedTagsInObjectPlacesAreRejected() {
        assertEquals("expected a list of values (List<Object>); at [0]: malformed dt value: \"x\" is not a datetime "
                + "like \"2024-01-31 12:00:00\"", rejection("[{'__dCls':'dt','obj':'x'}]", type("listOfObjects")));
    }

    @Test
    void unbindableTypeIsAProgrammingErrorNotACallersMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bind("1", Runnable.class));
        assertTrue(e.getMessage().contains("Runnable is an interface"), e.getMessage());
    }
}
