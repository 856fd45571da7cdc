package io.gatehouse.client.cli;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading the members of a service's answer for people: DIRAC tags, numbers, lists. */
final class Values {

    private Values() {
    }

    /** A member as one line of text: a dt tag as "2025-01-02 03:04:05 UTC", a list comma-separated. */
    static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonArray array) {
            List<String> items = new ArrayList<>();
            for (JsonValue item : array) {
                items.add(text(item));
            }
            return items.isEmpty() ? "(none)" : String.join(", ", items);
        }
        if (value instanceof JsonObject object && object.get("__dCls") instanceof JsonString tag
                && object.get("obj") instanceof JsonString obj) {
            return switch (tag.getString()) {
                case "dt" -> obj.getString() + " UTC";
                default -> obj.getString();
            };
        }
        if (value instanceof JsonObject object) {
            return JsonText.pretty(object).replaceAll("\\s*\\n\\s*", " ");
        }
        return value.toString();
    }

    /** A member that is a number, or null. */
    static Long number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number ? number.longValue() : null;
    }

    /** A member that is a string, or null. */
    static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString string ? string.getString() : null;
    }
}
