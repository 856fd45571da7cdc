package io.gatehouse.it;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JEncode in both directions and the binding of positional JSON arguments to Java parameter types, with the
 * 400 that names the argument and the expected type when they do not fit.
 */
@ExtendWith(ArquillianExtension.class)
class ArgumentBindingTest {

    private static final String TYPES = "Test/Types";

    private final Caller caller = Caller.user("alice");

    @Deployment(testable = false)
    static Archive<?> deployment() {
        return Deployments.servicesArchive();
    }

    private String value(String method, String args) {
        return caller.call(TYPES, method, args).value().toString();
    }

    @Test
    void primitivesBoxesAndStrings() {
        assertEquals("42", value("increment", "[41]"));
        assertEquals("false", value("negate", "[true]"));
        assertEquals("\"a-b-c\"", value("join", "[\"-\", [\"a\", \"b\", \"c\"]]"));
    }

    @Test
    void collectionsMapsAndArrays() {
        assertEquals("6000000000", value("sum", "[[1000000000, 2000000000, 3000000000]]"));
        assertEquals("{\"one\":3,\"three\":5}", value("lengths", "[{\"one\": \"one\", \"three\": \"three\"}]"));
        assertEquals("[2,4,6]", value("doubled", "[[1, 2, 3]]"));
        assertEquals("[\"a\",\"z\"]", value("keys", "[{\"z\": 1, \"a\": [true]}]"));
    }

    @Test
    void mapKeysAreAlwaysStrings() {
        assertEquals("{\"0\":\"x\",\"1\":\"y\"}", value("numbered", "[[\"x\", \"y\"]]"));
    }

    @Test
    void recordsBindByComponentName() {
        JsonObject point = caller.call(TYPES, "mirror", "[{\"x\": 1, \"y\": 2, \"label\": \"p\"}]").value()
                .asJsonObject();
        assertEquals(2, point.getInt("x"));
        assertEquals(1, point.getInt("y"));
        assertEquals("p", point.getString("label"));
    }

    @Test
    void taggedDatesTimesAndBytesRoundTrip() {
        assertEquals("{\"__dCls\":\"date\",\"obj\":\"2024-03-01\"}",
                value("nextDay", "[{\"__dCls\": \"date\", \"obj\": \"2024-02-29\"}]").replace(" ", ""));
        assertEquals("{\"__dCls\":\"dt\",\"obj\":\"2025-01-01 00:30:00\"}",
                value("nextHour", "[{\"__dCls\": \"dt\", \"obj\": \"2024-12-31 23:30:00\"}]"));
        assertEquals("{\"__dCls\":\"b64\",\"obj\":\"AwIB\"}",
                value("reverse", "[{\"__dCls\": \"b64\", \"obj\": \"AQID\"}]"));
    }

    @ParameterizedTest(name = "{0}({1}) -> 400 naming argument {2}")
    @CsvSource(delimiter = '|', value = {
            "increment | [\"forty\"]                                  | 1",
            "increment | [1.5]                                        | 1",
            "increment | [3000000000]                                 | 1",
            "increment | [null]                                       | 1",
            "negate    | [\"yes\"]                                    | 1",
            "sum       | [[1, \"two\"]]                               | 1",
            "sum       | [{\"a\": 1}]                                 | 1",
            "lengths   | [{\"a\": 5}]                                 | 1",
            "doubled   | [\"1,2\"]                                    | 1",
            "nextDay   | [{\"__dCls\": \"date\", \"obj\": \"tomorrow\"}] | 1",
            "nextHour  | [\"yesterday\"]                              | 1",
            "reverse   | [{\"__dCls\": \"b64\", \"obj\": \"***\"}]      | 1",
            "join      | [\"-\", \"abc\"]                             | 2",
            "join      | [\"-\", [1, 2]]                              | 2",
            "mirror    | [[1, 2]]                                     | 1",
            "keys      | [[1]]                                        | 1",
    })
    void argumentsOfTheWrongTypeAre400NamingTheArgument(String method, String args, int position) {
        Reply reply = caller.call(TYPES, method, args);
        assertEquals(400, reply.status(), reply.toString());
        assertFalse(reply.ok());
        assertTrue(reply.message().matches("argument " + position + " \\(\\w+\\) of " + method
                + "(: .*expected.*| must not be null)"), reply.message());
    }

    @Test
    void theWrongNumberOfArgumentsIs400() {
        Reply tooFew = caller.call(TYPES, "join", "[\"-\"]");
        assertEquals(400, tooFew.status());
        assertTrue(tooFew.message().contains("takes 2 arguments, got 1"), tooFew.message());
        Reply tooMany = caller.call(TYPES, "increment", "[1, 2]");
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.message().contains("takes 1 argument, got 2"), tooMany.message());
    }

    @Test
    void absentArgsMeanNoArguments() {
        Reply reply = caller.post("/" + TYPES, "method", "answered");
        assertEquals("42", reply.value().toString());
        assertEquals(400, caller.post("/" + TYPES, "method", "increment").status());
    }
}
