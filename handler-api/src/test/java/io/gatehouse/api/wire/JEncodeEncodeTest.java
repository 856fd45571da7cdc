package io.gatehouse.api.wire;

import static io.gatehouse.api.wire.JsonTestSupport.assertJson;
import static io.gatehouse.api.wire.JsonTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class JEncodeEncodeTest {

    private static final LocalDateTime T = LocalDateTime.of(2024, 1, 31, 12, 34, 56);
    private static final String T_TAG = "{'__dCls':'dt','obj':'2024-01-31 12:34:56'}";

    public enum Colour { RED, GREEN }

    public record Job(String name, byte[] payload, LocalDateTime started, Map<Integer, String> labels, String note) {
    }

    public record Wrapper(Optional<LocalDate> day, Object anything, List<Instant> instants) {
    }

    public static class Bean {
        private LocalDate day = LocalDate.of(2020, 2, 29);
        private String missing;

        public LocalDate getDay() {
            return day;
        }

        public String getMissing() {
            return missing;
        }
    }

    // ---- tags ----

    @Test
    void localDateTimeIsATagWithWholeSeconds() {
        assertJson(T_TAG, JEncode.encode(T.withNano(987_654_321)));
    }

    @Test
    void otherDatetimesAreConvertedToUtc() {
        OffsetDateTime paris = OffsetDateTime.of(2024, 1, 31, 13, 34, 56, 5, ZoneOffset.ofHours(1));
        assertJson(T_TAG, JEncode.encode(paris));
        assertJson(T_TAG, JEncode.encode(paris.toInstant()));
        assertJson(T_TAG, JEncode.encode(paris.atZoneSameInstant(ZoneId.of("America/New_York"))));
        assertJson(T_TAG, JEncode.encode(Date.from(paris.toInstant())));
        assertJson(T_TAG, JEncode.encode(java.sql.Timestamp.from(paris.toInstant())));
    }

    @Test
    void sqlDateWhichCannotGiveAnInstantIsStillEncoded() {
        java.sql.Date date = new java.sql.Date(T.toInstant(ZoneOffset.UTC).toEpochMilli());
        assertJson(T_TAG, JEncode.encode(date));
    }

    @Test
    void localDateIsADateTag() {
        assertJson("{'__dCls':'date','obj':'2024-02-29'}", JEncode.encode(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void bytesAreAB64TagWithPaddedStandardBase64() {
        assertJson("{'__dCls':'b64','obj':'+/8A/w=='}", JEncode.encode(new byte[] {(byte) 0xfb, (byte) 0xff, 0, -1}));
        assertJson("{'__dCls':'b64','obj':''}", JEncode.encode(new byte[0]));
    }

    // ---- tags at any depth ----

    @Test
    void tagsInsideAMapOfObjects() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("when", T);
        map.put("day", LocalDate.of(2024, 1, 1));
        map.put("data", new byte[] {1, 2, 3});
        map.put("inner", Map.of("deeper", List.of(T)));
        assertJson("{'when':" + T_TAG + ",'day':{'__dCls':'date','obj':'2024-01-01'},"
                + "'data':{'__dCls':'b64','obj':'AQID'},'inner':{'deeper':[" + T_TAG + "]}}", JEncode.encode(map));
    }

    @Test
    void tagsInsideARecord() {
        Job job = new Job("j", new byte[] {9}, T, Map.of(7, "seven"), null);
        assertJson("{'name':'j','payload':{'__dCls':'b64','obj':'CQ=='},'started':" + T_TAG
                + ",'labels':{'7':'seven'},'note':null}", JEncode.encode(job));
    }

    @Test
    void tagsInsideOptionalsObjectsAndListsOfARecord() {
        Wrapper wrapper = new Wrapper(Optional.of(LocalDate.of(2024, 1, 1)), T, List.of(T.toInstant(ZoneOffset.UTC)));
        assertJson("{'day':{'__dCls':'date','obj':'2024-01-01'},'anything':" + T_TAG + ",'instants':[" + T_TAG + "]}",
                JEncode.encode(wrapper));
    }

    @Test
    void tagsInsideListsSetsAndArrays() {
        assertJson("[{'__dCls':'date','obj':'2024-01-01'},{'__dCls':'date','obj':'2024-01-02'}]",
                JEncode.encode(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2))));
        assertJson("[" + T_TAG + "]", JEncode.encode(Set.of(T)));
        assertJson("[" + T_TAG + ",null]", JEncode.encode(new LocalDateTime[] {T, null}));
        assertJson("[{'__dCls':'b64','obj':'AQ=='}]", JEncode.encode(List.of(new byte[] {1})));
        assertJson("[[{'__dCls':'b64','obj':'AQ=='}]]", JEncode.encode(new byte[][][] {{{1}}}));
    }

    @Test
    void tagsInsidePojoProperties() {
        assertJson("{'day':{'__dCls':'date','obj':'2020-02-29'},'missing':null}", JEncode.encode(new Bean()));
    }

    // ---- maps ----

    @Test
    void nonStringMapKeysAreWrittenAsStrings() {
        Map<Integer, String> map = new TreeMap<>(Map.of(1, "one", 20, "twenty"));
        assertJson("{'1':'one','20':'twenty'}", JEncode.encode(map));
        assertJson("{'RED':1}", JEncode.encode(Map.of(Colour.RED, 1)));
        assertJson("{'2.5':true}", JEncode.encode(new HashMap<>(Map.of(2.5, true))));
        assertJson("{'1':{'2':'x'}}", JEncode.encode(Map.of(1L, Map.of(2, "x"))));
        assertJson("{'3':4}", JEncode.encode(Collections.unmodifiableMap(Map.of(3, 4))));
    }

    @Test
    void nullMapValuesAreWritten() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", null);
        map.put("b", Optional.empty());
        map.put("c", JsonValue.NULL);
        assertJson("{'a':null,'b':null,'c':null}", JEncode.encode(map));
        Map<Integer, Object> numbered = new HashMap<>();
        numbered.put(1, null);
        assertJson("{'1':null}", JEncode.encode(numbered));
    }

    @Test
    void mapKeysKeepTheirOrder() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", 2);
        assertEquals("{\"z\":1,\"a\":2}", JEncode.encode(map));
    }

    // ---- plain values ----

    @Test
    void plainValues() {
        assertEquals("null", JEncode.encode(null));
        assertEquals("null", JEncode.encode(Optional.empty()));
        assertEquals("5", JEncode.encode(Optional.of(5)));
        assertEquals("\"GREEN\"", JEncode.encode(Colour.GREEN));
        assertEquals("\"a\\\"b\"", JEncode.encode("a\"b"));
        assertEquals("[1,2.5,true,null]", JEncode.encode(Arrays.asList(1, 2.5, true, null)));
        assertEquals("[1,2]", JEncode.encode(new int[] {1, 2}));
        assertEquals("12345678901234567890", JEncode.encode(new java.math.BigInteger("12345678901234567890")));
        assertJson("{'a':[1,'x']}", JEncode.encode(Json.createObjectBuilder()
                .add("a", Json.createArrayBuilder().add(1).add("x")).build()));
        assertJson("{'k':'v'}", JEncode.encode(Map.of("k", Json.createValue("v"))));
        assertJson("[]", JEncode.encode(new ArrayList<>()));
    }

    @Test
    void unencodableValuesFailLoudly() {
        assertThrows(JsonbException.class, () -> JEncode.encode(List.of(Double.NaN)));
    }

    // ---- envelopes ----

    @Test
    void okEnvelope() {
        assertJson("{'OK':true,'Value':{'a':[1," + T_TAG + "]}}", JEncode.ok(Map.of("a", List.of(1, T))));
        assertEquals("{\"OK\":true,\"Value\":null}", JEncode.ok(null));
        assertEquals("{\"OK\":true,\"Value\":\"s\"}", JEncode.ok("s"));
    }

    /**
     * Plain values (maps, lists and sets of strings, numbers, booleans, datetimes, dates, bytes, nulls) take a shorter
     * way to the same text: it must be JSON-B's text, byte for byte, alone and inside the reply envelopes.
     */
    @Test
    void plainValuesAreWrittenAsJsonBWritesThem() {
        List<Object> scalars = Arrays.asList(null, "", "s", "quote \" backslash \\ slash /", "tab\tnew\nline\u0000\u001f",
                "\u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 \u2028\u2029 </script>", "\ud800 lone surrogate",
                true, false, 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
                0.0, -0.0, 1.0, -1.5, 0.1, 1e-7, 1e7, 1.0E21, 123456789.123, Double.MIN_VALUE, Double.MAX_VALUE,
                T, LocalDateTime.of(1, 1, 1, 0, 0, 0, 999_999_999), T.toInstant(ZoneOffset.UTC), Instant.EPOCH,
                LocalDate.of(1999, 12, 31), new byte[0], new byte[] {0, 1, 2, (byte) 0xff});
        List<Object> values = new ArrayList<>(scalars);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < scalars.size(); i++) {
            map.put(i % 3 == 0 ? "k" + i : i % 3 == 1 ? (Object) i : (Object) (long) i, scalars.get(i));
        }
        map.put(null, "null key");
        values.add(map);
        values.add(scalars);
        values.add(new java.util.LinkedHashSet<>(List.of("a", "b")));
        values.add(List.of(List.of(), Map.of(), List.of(map, List.of(scalars))));
        values.add(Map.of("nested", Map.of("deeper", List.of(Map.of("deepest", T)))));
        for (Object value : values) {
            String described = value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
            assertEquals(true, PlainTrees.isPlain(value), "plain: " + described);
            assertEquals(JEncode.Shared.JSONB.toJson(value), JEncode.encode(value), "for " + described);
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("OK", true);
            envelope.put("Value", value);
            assertEquals(JEncode.Shared.JSONB.toJson(envelope), JEncode.ok(value), "ok for " + described);
        }
        for (String message : Arrays.asList(null, "", "no \"such\" method \u2028 \ud83d\ude00")) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("OK", false);
            envelope.put("Errno", 1111);
            envelope.put("Message", message);
            assertEquals(JEncode.Shared.JSONB.toJson(envelope), JEncode.error(1111, message), "error " + message);
        }
    }

    /** What is not a plain value is JSON-B's to write, and is written as before. */
    @Test
    void otherValuesAreLeftToJsonB() {
        List<Object> others = Arrays.asList(Colour.RED, new int[] {1}, Optional.of(1), 1.5f, (short) 1,
                java.math.BigDecimal.ONE, Double.NaN, Map.of(Colour.RED, 1), List.of(Optional.empty()),
                OffsetDateTime.of(T, ZoneOffset.ofHours(2)), new Date(0), Json.createValue(1));
        for (Object value : others) {
            assertEquals(false, PlainTrees.isPlain(value), "not plain: " + value);
        }
        List<Object> deep = new ArrayList<>();
        List<Object> level = deep;
        for (int i = 0; i < PlainTrees.MAX_DEPTH + 5; i++) {
            List<Object> next = new ArrayList<>();
            level.add(next);
            level = next;
        }
        assertEquals(false, PlainTrees.isPlain(deep), "deeper than PlainTrees writes");
        assertEquals(JEncode.Shared.JSONB.toJson(deep), JEncode.encode(deep));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertEquals(false, PlainTrees.isPlain(cycle), "a cycle is not a tree");
    }

    @Test
    void errorEnvelope() {
        assertEquals("{\"OK\":false,\"Errno\":1102,\"Message\":\"no \\\"such\\\" method\"}",
                JEncode.error(1102, "no \"such\" method"));
        assertJson("{'OK':false,'Errno':0,'Message':null}", JEncode.error(0, null));
    }

    // ---- round trips, Java -> wire -> Java ----

    @Test
    void tagsRoundTripThroughBindAndDecode() {
        LocalDate day = LocalDate.of(1999, 12, 31);
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        assertEquals(T, JEncode.bind(parse(JEncode.encode(T)), LocalDateTime.class));
        assertEquals(day, JEncode.bind(parse(JEncode.encode(day)), LocalDate.class));
        assertArrayEquals(bytes, (byte[]) JEncode.bind(parse(JEncode.encode(bytes)), byte[].class));
        assertEquals(T, JEncode.decode(parse(JEncode.encode(T))));
        assertEquals(day, JEncode.decode(parse(JEncode.encode(day))));
        assertArrayEquals(bytes, (byte[]) JEncode.decode(parse(JEncode.encode(bytes))));
        Instant instant = T.toInstant(ZoneOffset.UTC);
        assertEquals(instant, JEncode.bind(parse(JEncode.encode(instant)), Instant.class));
        ZonedDateTime zoned = T.atZone(ZoneId.of("Europe/Paris"));
        assertEquals(zoned.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
                JEncode.bind(parse(JEncode.encode(zoned)), OffsetDateTime.class));
    }

    @Test
    void recordRoundTrip() {
        Job job = new Job("j", new byte[] {1, 2}, T, Map.of(3, "three"), null);
        Job back = (Job) JEncode.bind(parse(JEncode.encode(job)), Job.class);
        assertEquals(job.name(), back.name());
        assertArrayEquals(job.payload(), back.payload());
        assertEquals(job.started(), back.started());
        assertEquals(job.labels(), back.labels());
        assertEquals(null, back.note());
    }
}
