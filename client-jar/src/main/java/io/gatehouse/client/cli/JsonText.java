package io.gatehouse.client.cli;

import java.util.Iterator;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Writes JSON-P values as text: pretty (two-space indentation, one member per line) or plain for people. */
final class JsonText {

    private JsonText() {
    }

    /** Indented JSON, keys in their order; empty arrays and objects stay on one line. */
    static String pretty(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    /**
     * What a person wants to see of a value: a string without quotes or escapes, a number, boolean or null as
     * JSON has it, arrays and objects as pretty JSON.
     */
    static String plain(JsonValue value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return pretty(value);
    }

    private static void write(StringBuilder out, JsonValue value, int depth) {
        if (value == null) {
            out.append("null");
            return;
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                if (object.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                Iterator<Map.Entry<String, JsonValue>> entries = object.entrySet().iterator();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonValue> entry = entries.next();
                    indent(out, depth + 1);
                    quote(out, entry.getKey());
                    out.append(": ");
                    write(out, entry.getValue(), depth + 1);
                    out.append(entries.hasNext() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                if (array.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < array.size(); i++) {
                    indent(out, depth + 1);
                    write(out, array.get(i), depth + 1);
                    out.append(i + 1 < array.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append(']');
            }
            case STRING -> quote(out, ((JsonString) value).getString());
            default -> out.append(value); // numbers keep their text; true, false, null
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
