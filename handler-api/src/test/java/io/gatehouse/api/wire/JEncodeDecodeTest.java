package io.gatehouse.api.wire;

import static io.gatehouse.api.wire.JsonTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JEncodeDecodeTest {

    // ---- parse (any JSON value, e.g. extraCredentials) ----

    @Test
    void parseReadsAnyJsonValue() {
        assertEquals(json("'hosts'"), JEncode.parse("\"hosts\""));
        assertEquals(json("[['/DC=org/CN=someone','dirac_user']]"),
                JEncode.parse("[[\"/DC=org/CN=someone\", \"dirac_user\"]]"));
        assertEquals(json("{'a':null}"), JEncode.parse(" {\"a\": null} "));
    }

    @Test
    void parseReportsTheParsersReason() {
        assertEquals("it is empty", assertThrows(ArgumentException.class, () -> JEncode.parse("")).getMessage());
        // Trailing text is an error too, though the JSON-P reader would ignore it.
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parse("[1] [2]")).getMessage()
                .contains("EOF"));
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parse("\"hosts\" x")).getMessage()
                .contains("Unexpected char"));
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parse("{\"a\":")).getMessage()
                .contains("EOF"));
    }

    // ---- parseArgs ----

    @Test
    void argsArrayIsParsed() {
        JsonArray args = JEncode.parseArgs("[1, \"two\", {\"__dCls\": \"dt\", \"obj\": \"2024-01-31 12:00:00\"}]");
        assertEquals(3, args.size());
        assertEquals(json("[]"), JEncode.parseArgs(" [ ] \n"));
    }

    @Test
    void malformedArgsAreReported() {
        for (String bad : List.of("[1,", "[1 2]", "{'a':}", "[1] x", "[1] [2]", "[1]]", "nope", "['a'")) {
            ArgumentException e = assertThrows(ArgumentException.class,
                    () -> JEncode.parseArgs(bad.replace('\'', '"')), bad);
            assertTrue(e.getMessage().startsWith("args is not valid JSON: "), e.getMessage());
        }
    }

    @Test
    void argsThatParssonRefusesAreReportedAsInvalid() {
        String longNumber = "[" + "1".repeat(5000) + "]";
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parseArgs(longNumber)).getMessage()
                .startsWith("args is not valid JSON: "));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedBeforeItIsBuilt() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals("args nests arrays and objects more than 64 levels deep",
                assertThrows(ArgumentException.class, () -> JEncode.parseArgs(deep)).getMessage());
        String sixtyFour = "[".repeat(64) + "]".repeat(64);
        assertEquals(1, JEncode.parseArgs(sixtyFour).size());
        String objects = "[" + "{\"a\":".repeat(63) + "1" + "}".repeat(63) + "]";
        assertEquals(1, JEncode.parseArgs(objects).size());
        String tooMany = "[" + "{\"a\":".repeat(64) + "1" + "}".repeat(64) + "]";
        assertThrows(ArgumentException.class, () -> JEncode.parseArgs(tooMany));
        assertThrows(ArgumentException.class, () -> JEncode.parseArgs("[[[1]]]", 2));
        assertEquals("[[1]]", JEncode.parseArgs("[[1]]", 2).toString());
    }

    @Test
    void aTreeBuiltFromEventsKeepsKeysOrderAndLastDuplicate() {
        assertEquals("[{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{}},2.5]",
                JEncode.parseArgs("[{\"a\":0,\"b\":[true,null,\"x\"],\"c\":{},\"a\":1},2.5]").toString());
    }

    @Test
    void missingArgsAreReported() {
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parseArgs(null)).getMessage()
                .startsWith("args is empty"));
        assertTrue(assertThrows(ArgumentException.class, () -> JEncode.parseArgs("  ")).getMessage()
                .startsWith("args is empty"));
    }

    @Test
    void argsThatAreNotAnArrayAreReported() {
        assertEquals("args must be a JSON array, got a JSON object",
                assertThrows(ArgumentException.class, () -> JEncode.parseArgs("{\"a\": 1}")).getMessage());
        assertEquals("args must be a JSON array, got the string \"x\"",
                assertThrows(ArgumentException.class, () -> JEncode.parseArgs("\"x\"")).getMessage());
        assertEquals("args must be a JSON array, got the number 5",
                assertThrows(ArgumentException.class, () -> JEncode.parseArgs("5")).getMessage());
        assertEquals("args must be a JSON array, got null",
                assertThrows(ArgumentException.class, () -> JEncode.parseArgs("null")).getMessage());
    }

    // ---- decode ----

    @Test
    void decodesTags() {
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 0, 1),
                JEncode.decode(json("{'__dCls':'dt','obj':'2024-01-31 12:00:01'}")));
        assertEquals(LocalDate.of(2024, 1, 31), JEncode.decode(json("{'__dCls':'date','obj':'2024-01-31'}")));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) JEncode.decode(json("{'__dCls':'b64','obj':'AQID'}")));
    }

    @Test
    void decodesObjectsToLinkedHashMapsRecursively() {
        Object decoded = JEncode.decode(json("{'z':1,'a':{'when':{'__dCls':'date','obj':'2024-01-31'}},'n':null}"));
        assertInstanceOf(LinkedHashMap.class, decoded);
        Map<?, ?> map = (Map<?, ?>) decoded;
        assertEquals(List.of("z", "a", "n"), new ArrayList<>(map.keySet()));
        assertEquals(Map.of("when", LocalDate.of(2024, 1, 31)), map.get("a"));
        assertTrue(map.containsKey("n"));
        assertNull(map.get("n"));
    }

    @Test
    void objectTaggedWithAPythonClassKeepsItsTagKeys() {
        Object decoded = JEncode.decode(json("{'__dCls':'JobState','__dMod':'DIRAC.WMS','status':'Done'}"));
        assertEquals(Map.of("__dCls", "JobState", "__dMod", "DIRAC.WMS", "status", "Done"), decoded);
    }

    @Test
    void decodesArraysToArrayListsRecursively() {
        Object decoded = JEncode.decode(json("[1,[true,null],'s',{'__dCls':'b64','obj':''}]"));
        assertInstanceOf(ArrayList.class, decoded);
        List<?> list = (List<?>) decoded;
        assertEquals(1, list.get(0));
        assertEquals(java.util.Arrays.asList(true, null), list.get(1));
        assertEquals("s", list.get(2));
        assertArrayEquals(new byte[0], (byte[]) list.get(3));
    }

    @Test
    void decodesIntegersToTheSmallestTypeThatHoldsThem() {
        assertEquals(Integer.valueOf(5), JEncode.decode(json("5")));
        assertEquals(Integer.valueOf(Integer.MIN_VALUE), JEncode.decode(json("-2147483648")));
        assertEquals(Long.valueOf(2147483648L), JEncode.decode(json("2147483648")));
        assertEquals(Long.valueOf(Long.MAX_VALUE), JEncode.decode(json("9223372036854775807")));
        assertEquals(new BigInteger("9223372036854775808"), JEncode.decode(json("9223372036854775808")));
    }

    @Test
    void decodesOtherNumbersToDoubleUnlessADoubleCannotHoldThem() {
        assertEquals(Double.valueOf(1.5), JEncode.decode(json("1.5")));
        assertEquals(Double.valueOf(1.0), JEncode.decode(json("1.0")));
        assertEquals(Double.valueOf(100), JEncode.decode(json("1e2")));
        assertEquals(Double.valueOf(-2.5e-3), JEncode.decode(json("-2.5e-3")));
        assertEquals(new BigDecimal("1.5e400"), JEncode.decode(json("1.5e400")));
        assertEquals(new BigDecimal("1.5e-400"), JEncode.decode(json("1.5e-400")));
        assertInstanceOf(BigDecimal.class, JEncode.decode(json("1e5000")));
    }

    @Test
    void decodesScalars() {
        assertEquals("text", JEncode.decode(json("'text'")));
        assertEquals(Boolean.TRUE, JEncode.decode(JsonValue.TRUE));
        assertEquals(Boolean.FALSE, JEncode.decode(JsonValue.FALSE));
        assertNull(JEncode.decode(JsonValue.NULL));
        assertNull(JEncode.decode(null));
    }

    @Test
    void malformedTagsAreReported() {
        assertEquals("malformed dt value: \"yesterday\" is not a datetime like \"2024-01-31 12:00:00\"",
                assertThrows(ArgumentException.class,
                        () -> JEncode.decode(json("{'__dCls':'dt','obj':'yesterday'}"))).getMessage());
        assertEquals("malformed date value: \"2023-02-29\" is not a date like \"2024-01-31\"",
                assertThrows(ArgumentException.class,
                        () -> JEncode.decode(json("[{'__dCls':'date','obj':'2023-02-29'}]"))).getMessage());
        assertTrue(assertThrows(ArgumentException.class,
                () -> JEncode.decode(json("{'__dCls':'b64','obj':'**'}"))).getMessage()
                .startsWith("malformed b64 value: invalid base64"));
        assertEquals("malformed dt value: its \"obj\" must be a string, got the number 5",
                assertThrows(ArgumentException.class,
                        () -> JEncode.decode(json("{'__dCls':'dt','obj':5}"))).getMessage());
        assertEquals("malformed tagged value: \"__dCls\" must be a string, got the number 1",
                assertThrows(ArgumentException.class, () -> JEncode.decode(json("{'__dCls':1}"))).getMessage());
    }

    @Test
    void datetimeTagsAlsoReadTheIsoFormAndFractions() {
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 0, 1, 500_000_000),
                JEncode.decode(json("{'__dCls':'dt','obj':'2024-01-31T12:00:01.5'}")));
    }
}
