package io.gatehouse.runtime.dispatch;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyDepthTest {

    private static Object nestedLists(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void countsMapsListsArraysAndJsonValues() {
        assertFalse(ReplyDepth.exceeds("text", 1));
        assertFalse(ReplyDepth.exceeds(nestedLists(64), 64));
        assertTrue(ReplyDepth.exceeds(nestedLists(65), 64));
        assertTrue(ReplyDepth.exceeds(Map.of("a", Map.of("b", new Object[] {List.of()})), 3));
        assertFalse(ReplyDepth.exceeds(Map.of("a", Map.of("b", new Object[] {List.of()})), 4));
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (int i = 0; i < 3; i++) {
            json = Json.createArrayBuilder().add(json);
        }
        assertTrue(ReplyDepth.exceeds(json.build(), 3));
        assertTrue(ReplyDepth.exceeds(Optional.of(nestedLists(3)), 3));
    }

    @Test
    void aValueThatContainsItselfEndsTheCheck() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertTrue(ReplyDepth.exceeds(loop, 64));
    }

    @Test
    void aDeepValueIsMeasuredWithoutRecursion() {
        assertTrue(ReplyDepth.exceeds(nestedLists(200_000), 64));
    }
}
