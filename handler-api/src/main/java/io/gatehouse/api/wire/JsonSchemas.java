package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a Java type travels on the wire, described for callers: a short name in JSON terms ({@code string},
 * {@code list<integer>}, {@code Point}) for signatures, and a JSON Schema for tools. Both follow the binder's view of
 * the type ({@link TypeModel}), so a description says exactly what a call may send; JEncode's tagged values
 * (datetimes, dates, bytes) are described as the tagged objects they are.
 *
 * <p>The schemas use only what OpenAPI 3.0 and 3.1 Schema Objects both accept: {@code type}, {@code format},
 * {@code items}, {@code properties}, {@code required}, {@code additionalProperties}, {@code enum}, {@code title}.
 */
public final class JsonSchemas {

    /** The type name of a value of any kind. */
    public static final String ANY = "any";

    private JsonSchemas() {
    }

    /**
     * The type's name in JSON terms: {@code string}, {@code integer}, {@code number}, {@code boolean},
     * {@code datetime}, {@code date}, {@code bytes}, {@code any}, {@code list<T>}, {@code map<string,T>}, or the simple
     * name of a record or class sent as a JSON object. An {@code Optional<T>} is named as {@code T}; an enum is a
     * {@code string}.
     */
    public static String typeName(Type type) {
        return switch (TypeModel.kindOf(type)) {
            case BOOLEAN -> "boolean";
            case INTEGER, BIG_INTEGER -> "integer";
            case FLOATING, BIG_DECIMAL -> "number";
            case CHAR, STRING, ENUM -> "string";
            case LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME -> "datetime";
            case LOCAL_DATE -> "date";
            case BYTES -> "bytes";
            case OBJECT -> ANY;
            case JSON_VALUE -> jsonValueName(TypeModel.rawClass(type));
            case OPTIONAL -> typeName(TypeModel.elementType(type));
            case COLLECTION, ARRAY -> "list<" + typeName(TypeModel.elementType(type)) + ">";
            case MAP -> "map<" + (TypeModel.kindOf(TypeModel.mapKeyType(type)) == TypeModel.Kind.INTEGER
                    ? "integer" : "string") + "," + typeName(TypeModel.mapValueType(type)) + ">";
            case RECORD, POJO, CUSTOM -> TypeModel.rawClass(type).getSimpleName();
            case UNSUPPORTED -> objectName(type);
        };
    }

    /** A JSON Schema of the type's values as they travel; {@code {}} for any value. */
    public static Map<String, Object> schema(Type type) {
        return schema(type, new HashSet<>());
    }

    private static Map<String, Object> schema(Type type, Set<Class<?>> enclosing) {
        return switch (TypeModel.kindOf(type)) {
            case BOOLEAN -> typed("boolean");
            case INTEGER -> integer(TypeModel.rawClass(type));
            case BIG_INTEGER -> typed("integer");
            case FLOATING -> with(typed("number"), "format",
                    TypeModel.rawClass(type) == float.class || TypeModel.rawClass(type) == Float.class
                            ? "float" : "double");
            case BIG_DECIMAL -> typed("number");
            case CHAR -> with(with(typed("string"), "minLength", 1), "maxLength", 1);
            case STRING -> typed("string");
            case ENUM -> with(typed("string"), "enum", Arrays.stream(TypeModel.rawClass(type).getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).toList());
            case LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME -> tagged("datetime", WireTags.DATETIME,
                    "YYYY-MM-DD HH:MM:SS, UTC");
            case LOCAL_DATE -> tagged("date", WireTags.DATE, "YYYY-MM-DD");
            case BYTES -> tagged("bytes", WireTags.BYTES, "base64");
            case OBJECT -> new LinkedHashMap<>();
            case JSON_VALUE -> jsonValueSchema(TypeModel.rawClass(type));
            case OPTIONAL -> schema(TypeModel.elementType(type), enclosing);
            case COLLECTION, ARRAY -> {
                Map<String, Object> schema = typed("array");
                schema.put("items", schema(TypeModel.elementType(type), enclosing));
                yield schema;
            }
            case MAP -> {
                Map<String, Object> schema = typed("object");
                Type value = TypeModel.mapValueType(type);
                schema.put("additionalProperties", TypeModel.kindOf(value) == TypeModel.Kind.OBJECT
                        ? Boolean.TRUE : schema(value, enclosing));
                yield schema;
            }
            case RECORD, POJO -> objectSchema(TypeModel.rawClass(type), enclosing);
            case CUSTOM, UNSUPPORTED -> with(typed("object"), "title", objectName(type));
        };
    }

    /** A record's or POJO's JSON properties; a type met again inside itself is named, not expanded. */
    private static Map<String, Object> objectSchema(Class<?> cls, Set<Class<?>> enclosing) {
        Map<String, Object> schema = with(typed("object"), "title", cls.getSimpleName());
        if (!enclosing.add(cls)) {
            return schema;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (TypeModel.Property property : TypeModel.properties(cls)) {
            properties.put(property.jsonName(), property.customBound()
                    ? new LinkedHashMap<>() : schema(property.type(), enclosing));
        }
        enclosing.remove(cls);
        schema.put("properties", properties);
        return schema;
    }

    private static Map<String, Object> integer(Class<?> cls) {
        Map<String, Object> schema = typed("integer");
        if (cls == long.class || cls == Long.class) {
            schema.put("format", "int64");
        } else if (cls == int.class || cls == Integer.class) {
            schema.put("format", "int32");
        } else if (cls == short.class || cls == Short.class) {
            schema.put("minimum", (int) Short.MIN_VALUE);
            schema.put("maximum", (int) Short.MAX_VALUE);
        } else if (cls == byte.class || cls == Byte.class) {
            schema.put("minimum", (int) Byte.MIN_VALUE);
            schema.put("maximum", (int) Byte.MAX_VALUE);
        }
        return schema;
    }

    /** JEncode's {@code {"__dCls": tag, "obj": "..."}}. */
    private static Map<String, Object> tagged(String title, String tag, String valueFormat) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(WireTags.CLASS_KEY, with(typed("string"), "enum", List.of(tag)));
        properties.put(WireTags.OBJ_KEY, with(typed("string"), "description", valueFormat));
        Map<String, Object> schema = with(typed("object"), "title", title);
        schema.put("properties", properties);
        schema.put("required", List.of(WireTags.CLASS_KEY, WireTags.OBJ_KEY));
        return schema;
    }

    private static String jsonValueName(Class<?> cls) {
        if (cls == JsonObject.class) {
            return "map<string,any>";
        } else if (cls == JsonArray.class) {
            return "list<any>";
        } else if (cls == JsonString.class) {
            return "string";
        } else if (cls == JsonNumber.class) {
            return "number";
        }
        return ANY;
    }

    private static Map<String, Object> jsonValueSchema(Class<?> cls) {
        if (cls == JsonObject.class) {
            return typed("object");
        } else if (cls == JsonArray.class) {
            return typed("array");
        } else if (cls == JsonString.class) {
            return typed("string");
        } else if (cls == JsonNumber.class) {
            return typed("number");
        }
        return new LinkedHashMap<>();
    }

    /** A type the binder does not take (only a return value can have one): named by its class. */
    private static String objectName(Type type) {
        Class<?> raw = TypeModel.rawClass(type);
        return raw == Object.class ? ANY : raw.getSimpleName();
    }

    private static Map<String, Object> typed(String jsonType) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", jsonType);
        return schema;
    }

    private static Map<String, Object> with(Map<String, Object> schema, String key, Object value) {
        schema.put(key, value);
        return schema;
    }
}
