package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Result;
import io.gatehouse.api.ServiceException;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCallHandlersTest {

    public static final class Offered {
        @Export
        public int add(int a, int b) {
            return a + b;
        }

        @Export(name = "join")
        public String joined(List<String> parts) {
            return String.join("+", parts);
        }

        @Export
        public String refuse() {
            throw new ServiceException(Errors.EACCES, "not you");
        }

        @Export
        public String broken() {
            throw new IllegalStateException("a bug with a secret /etc/passwd");
        }

        public String notOffered() {
            return "hidden";
        }
    }

    private final ClientCallHandlers handlers = new ClientCallHandlers();

    ClientCallHandlersTest() {
        handlers.add(new Offered());
    }

    @Test
    void argumentsAreBoundToTheParameterTypes() {
        assertEquals(5, handlers.call("add", Json.createArrayBuilder().add(2).add(3).build()).value());
        assertEquals("a+b", handlers.call("join", Json.createArrayBuilder().add(Json.createArrayBuilder()
                .add("a").add("b")).build()).value());
    }

    @Test
    void everyFailureIsAnSError() {
        Result<?> unknown = handlers.call("notOffered", Json.createArrayBuilder().build());
        assertEquals(Errors.ENOMETH, unknown.errno());
        Result<?> arity = handlers.call("add", Json.createArrayBuilder().add(2).build());
        assertTrue(arity.message().contains("add takes 2 arguments, got 1"), arity.message());
        Result<?> type = handlers.call("add", Json.createArrayBuilder().add("two").add(3).build());
        assertEquals(Errors.EINVAL, type.errno(), type.message());
        Result<?> refused = handlers.call("refuse", Json.createArrayBuilder().build());
        assertEquals(Errors.EACCES, refused.errno());
        assertTrue(refused.message().contains("not you"), refused.message());
        Result<?> broken = handlers.call("broken", Json.createArrayBuilder().build());
        assertFalse(broken.isOk());
        assertFalse(broken.message().contains("passwd") || broken.message().contains("IllegalState"),
                "no detail of a client's bug travels: " + broken.message());
    }

    @Test
    void twoMethodsUnderOneNameAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> handlers.add(new Offered()));
    }
}
