package io.gatehouse.runtime.dispatch;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a reply value nests maps, collections, arrays and JSON-P structures deeper than a limit, measured
 * without recursion so that the check itself cannot overflow the stack. Records and other objects count as
 * leaves here; should one of them nest without end, encoding fails and the call is a 500 all the same.
 */
final class ReplyDepth {

    private record Level(Object value, int depth) {
    }

    private ReplyDepth() {
    }

    static boolean exceeds(Object value, int maxDepth) {
        if (!isContainer(value)) {
            return false;
        }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(value, 1));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (level.depth() > maxDepth) {
                return true;
            }
            for (Object child : children(level.value())) {
                if (isContainer(child)) {
                    pending.push(new Level(child, level.depth() + 1));
                }
            }
        }
        return false;
    }

    private static boolean isContainer(Object value) {
        return value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]
                || value instanceof JsonArray || value instanceof JsonObject
                || value instanceof Optional<?> o && o.isPresent() && isContainer(o.get());
    }

    private static Iterable<?> children(Object value) {
        if (value instanceof JsonObject object) {
            return object.values();
        } else if (value instanceof Map<?, ?> map) {
            return map.values();
        } else if (value instanceof Collection<?> collection) {
            return collection;
        } else if (value instanceof Object[] array) {
            return java.util.Arrays.asList(array);
        } else if (value instanceof Optional<?> optional) {
            return java.util.List.of(optional.get());
        }
        return java.util.List.of();
    }
}
