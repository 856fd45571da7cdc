package io.gatehouse.api.wire;

import io.gatehouse.api.wire.ConnectionFrames.Ack;
import io.gatehouse.api.wire.ConnectionFrames.Call;
import io.gatehouse.api.wire.ConnectionFrames.CallResult;
import io.gatehouse.api.wire.ConnectionFrames.Connect;
import io.gatehouse.api.wire.ConnectionFrames.Connected;
import io.gatehouse.api.wire.ConnectionFrames.ErrorFrame;
import io.gatehouse.api.wire.ConnectionFrames.Frame;
import io.gatehouse.api.wire.ConnectionFrames.Message;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFramesTest {

    public record Ping(int id) {
    }

    public record Stamp(String note, LocalDateTime at, List<String> tags) {
    }

    @Test
    void everyFrameReadsBackAsWritten() {
        JsonObject fields = Json.createObjectBuilder().add("id", 7).build();
        List<Frame> frames = List.of(
                new Connect("client-1", Json.createObjectBuilder().add("color", "green").build()),
                new Connected("trid-1", Map.of("Ping", Map.of("id", "int"))),
                new Message("Ping", fields, Optional.empty()),
                new Message("Ping", fields, Optional.of(42L)),
                new Ack(42),
                new ErrorFrame("no access", 13, Optional.of(42L)),
                new ErrorFrame("bye", 22, Optional.empty()),
                new Call(5, "time", Json.createArrayBuilder().add(1).build()),
                new CallResult(5, Json.createObjectBuilder().add("OK", true).add("Value", "12:00").build()));
        for (Frame frame : frames) {
            assertEquals(frame, ConnectionFrames.parse(ConnectionFrames.write(frame), 64), frame.toString());
        }
    }

    @Test
    void aConnectWithoutParametersHasEmptyOnes() {
        Connect connect = (Connect) ConnectionFrames.parse("{\"type\":\"connect\",\"client\":\"c\"}", 64);
        assertTrue(connect.parameters().isEmpty());
    }

    @Test
    void malformedFramesAreRefusedWithTheReason() {
        Map<String, String> cases = Map.of(
                "this is { not JSON", "not valid JSON",
                "[1, 2]", "must be a JSON object",
                "{\"type\":\"shout\"}", "unknown frame type \"shout\"",
                "{\"name\":\"Ping\"}", "\"type\" must be a string",
                "{\"type\":\"message\",\"fields\":{}}", "\"name\" must be a string",
                "{\"type\":\"message\",\"name\":\"Ping\",\"fields\":[1]}", "\"fields\" must be an object",
                "{\"type\":\"message\",\"name\":\"Ping\",\"ack\":1.5}", "\"ack\" must be an integer",
                "{\"type\":\"ack\",\"ack\":123456789012345678901234567890}", "fits 64 bits",
                "{\"type\":\"call\",\"call\":1,\"method\":\"m\"}", "\"args\" must be an array");
        cases.forEach((text, reason) -> {
            ArgumentException e = assertThrows(ArgumentException.class, () -> ConnectionFrames.parse(text, 64), text);
            assertTrue(e.getMessage().contains(reason), text + " -> " + e.getMessage());
        });
    }

    @Test
    void aFrameNestedDeeperThanTheLimitIsRefusedBeforeItIsBuilt() {
        String deep = "{\"type\":\"message\",\"name\":\"Ping\",\"fields\":{\"a\":" + "[".repeat(100)
                + "]".repeat(100) + "}}";
        ArgumentException e = assertThrows(ArgumentException.class, () -> ConnectionFrames.parse(deep, 64));
        assertTrue(e.getMessage().contains("deep") || e.getMessage().contains("nest"), e.getMessage());
    }

    @Test
    void messageFieldsTravelAsJEncodeAndBindStrictly() {
        Stamp stamp = new Stamp("hi", LocalDateTime.of(2026, 12, 1, 10, 0, 0), List.of("a", "b"));
        JsonObject fields = ConnectionFrames.fieldsOf(stamp);
        assertEquals("dt", fields.getJsonObject("at").getString("__dCls"));
        assertEquals(stamp, ConnectionFrames.bindFields(fields, Stamp.class));

        ArgumentException extra = assertThrows(ArgumentException.class, () -> ConnectionFrames.bindFields(
                Json.createObjectBuilder().add("id", 1).add("sneaky", true).build(), Ping.class));
        assertTrue(extra.getMessage().contains("no field \"sneaky\""), extra.getMessage());
        ArgumentException wrongType = assertThrows(ArgumentException.class, () -> ConnectionFrames.bindFields(
                Json.createObjectBuilder().add("id", "seven").build(), Ping.class));
        assertTrue(wrongType.getMessage().contains("integer"), wrongType.getMessage());
        ArgumentException missing = assertThrows(ArgumentException.class, () -> ConnectionFrames.bindFields(
                JsonObject.EMPTY_JSON_OBJECT, Ping.class));
        assertTrue(missing.getMessage().contains("id"), missing.getMessage());
    }
}
