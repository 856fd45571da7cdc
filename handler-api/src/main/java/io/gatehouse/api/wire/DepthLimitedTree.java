package io.gatehouse.api.wire;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a JSON-P tree from a parser's events with a limit on nesting, so that a hostile text nested thousands of
 * levels deep is refused at the first level too many: nothing deeper is built, and no recursion is involved (the
 * open containers are kept on an explicit stack).
 */
final class DepthLimitedTree {

    /** The text nests deeper than allowed. */
    static final class TooDeep extends ArgumentException {
        private static final long serialVersionUID = 1L;

        TooDeep(int maxDepth) {
            super("nests arrays and objects more than " + maxDepth + " levels deep");
        }
    }

    /** One open array or object, with the key its value will have in its parent object. */
    private record Open(JsonArrayBuilder array, JsonObjectBuilder object, String keyInParent) {
    }

    private DepthLimitedTree() {
    }

    /**
     * Reads exactly one value from the parser's next events.
     *
     * @throws TooDeep when arrays and objects nest more than {@code maxDepth} levels
     */
    static JsonValue read(JsonParser parser, int maxDepth) {
        Deque<Open> open = new ArrayDeque<>();
        String key = null;
        while (true) {
            JsonParser.Event event = parser.next();
            JsonValue done = null;
            switch (event) {
                case START_ARRAY, START_OBJECT -> {
                    if (open.size() >= maxDepth) {
                        throw new TooDeep(maxDepth);
                    }
                    open.push(event == JsonParser.Event.START_ARRAY
                            ? new Open(WireTags.JSON.createArrayBuilder(), null, key)
                            : new Open(null, WireTags.JSON.createObjectBuilder(), key));
                    key = null;
                    continue;
                }
                case KEY_NAME -> {
                    key = parser.getString();
                    continue;
                }
                case END_ARRAY -> {
                    Open closed = open.pop();
                    done = closed.array().build();
                    key = closed.keyInParent();
                }
                case END_OBJECT -> {
                    Open closed = open.pop();
                    done = closed.object().build();
                    key = closed.keyInParent();
                }
                default -> done = parser.getValue();
            }
            if (open.isEmpty()) {
                return done;
            }
            Open parent = open.peek();
            if (parent.array() != null) {
                parent.array().add(done);
            } else {
                parent.object().add(key, done);
            }
            key = null;
        }
    }
}
