package io.gatehouse.api.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the binder knows about Java parameter types: which kind of value each is, the element/key/value types of
 * containers, the JSON properties of records and POJOs, and how to name a type in plain words for messages.
 */
final class TypeModel {

    /** The kinds of Java type that arguments can be bound to; UNSUPPORTED covers everything else. */
    enum Kind {
        BOOLEAN, INTEGER, BIG_INTEGER, FLOATING, BIG_DECIMAL, CHAR, STRING,
        LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME, LOCAL_DATE, BYTES, ENUM,
        OBJECT, JSON_VALUE, OPTIONAL, COLLECTION, ARRAY, MAP, RECORD, POJO,
        /** A class that declares its own JSON-B deserializer or adapter: bound by JSON-B without our checks. */
        CUSTOM,
        UNSUPPORTED
    }

    /**
     * The collection classes JSON-B can instantiate (an interface gets a default implementation). Other Collection
     * types (EnumSet, a subclass of ArrayList...) are not bound, so that deployment tells rather than JSON-B failing
     * at call time.
     */
    private static final Set<Class<?>> COLLECTIONS = Set.of(
            Collection.class, List.class, Set.class, SortedSet.class, NavigableSet.class, Queue.class, Deque.class,
            ArrayList.class, LinkedList.class, HashSet.class, LinkedHashSet.class, TreeSet.class, ArrayDeque.class);

    private static final Set<Class<?>> MAPS = Set.of(
            Map.class, SortedMap.class, NavigableMap.class, HashMap.class, LinkedHashMap.class, TreeMap.class);

    /**
     * Map keys arrive as JSON object keys, so always as strings. String keys are bound as they are; Integer and
     * Long keys are accepted too because the encoder writes such maps with the numbers as keys, and the binder
     * checks each key is an integer in range.
     */
    private static final Set<Class<?>> MAP_KEYS = Set.of(String.class, Integer.class, Long.class);

    private static final Set<Class<?>> JSON_VALUES = Set.of(
            JsonValue.class, JsonStructure.class, JsonObject.class, JsonArray.class, JsonString.class,
            JsonNumber.class);

    private static final Map<Class<?>, Kind> SCALARS = Map.ofEntries(
            Map.entry(boolean.class, Kind.BOOLEAN), Map.entry(Boolean.class, Kind.BOOLEAN),
            Map.entry(byte.class, Kind.INTEGER), Map.entry(Byte.class, Kind.INTEGER),
            Map.entry(short.class, Kind.INTEGER), Map.entry(Short.class, Kind.INTEGER),
            Map.entry(int.class, Kind.INTEGER), Map.entry(Integer.class, Kind.INTEGER),
            Map.entry(long.class, Kind.INTEGER), Map.entry(Long.class, Kind.INTEGER),
            Map.entry(BigInteger.class, Kind.BIG_INTEGER),
            Map.entry(float.class, Kind.FLOATING), Map.entry(Float.class, Kind.FLOATING),
            Map.entry(double.class, Kind.FLOATING), Map.entry(Double.class, Kind.FLOATING),
            Map.entry(BigDecimal.class, Kind.BIG_DECIMAL),
            Map.entry(char.class, Kind.CHAR), Map.entry(Character.class, Kind.CHAR),
            Map.entry(String.class, Kind.STRING),
            Map.entry(LocalDateTime.class, Kind.LOCAL_DATE_TIME),
            Map.entry(Instant.class, Kind.INSTANT),
            Map.entry(OffsetDateTime.class, Kind.OFFSET_DATE_TIME),
            Map.entry(LocalDate.class, Kind.LOCAL_DATE),
            Map.entry(byte[].class, Kind.BYTES),
            Map.entry(Object.class, Kind.OBJECT));

    /** One JSON property of a record or POJO as JSON-B deserializes it. */
    record Property(String jsonName, Type type, boolean customBound) {
    }

    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return type.isRecord() ? recordProperties(type) : pojoProperties(type);
        }
    };

    private TypeModel() {
    }

    // ---- classification ----

    static Kind kindOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (COLLECTIONS.contains(raw)) {
                return Kind.COLLECTION;
            } else if (MAPS.contains(raw)) {
                return Kind.MAP;
            } else if (raw == Optional.class) {
                return Kind.OPTIONAL;
            }
            return Kind.UNSUPPORTED;
        }
        if (type instanceof GenericArrayType) {
            return Kind.ARRAY;
        }
        if (!(type instanceof Class<?> cls)) {
            return Kind.UNSUPPORTED;
        }
        Kind scalar = SCALARS.get(cls);
        if (scalar != null) {
            return scalar;
        }
        if (cls.isArray()) {
            return Kind.ARRAY;
        } else if (cls.isEnum()) {
            return Kind.ENUM;
        } else if (JSON_VALUES.contains(cls)) {
            return Kind.JSON_VALUE;
        } else if (COLLECTIONS.contains(cls)) {
            return Kind.COLLECTION;
        } else if (MAPS.contains(cls)) {
            return Kind.MAP;
        } else if (cls == Optional.class) {
            return Kind.OPTIONAL;
        } else if (Collection.class.isAssignableFrom(cls) || Map.class.isAssignableFrom(cls)) {
            return Kind.UNSUPPORTED; // an EnumSet, a subclass of ArrayList...: JSON-B would not build it right
        } else if (isCustomBound(cls)) {
            return Kind.CUSTOM;
        } else if (cls.isRecord()) {
            return Kind.RECORD;
        } else if (!cls.isInterface() && !cls.isPrimitive() && !Modifier.isAbstract(cls.getModifiers())
                && !isPlatformClass(cls)) {
            return Kind.POJO;
        }
        return Kind.UNSUPPORTED;
    }

    static boolean isCustomBound(AnnotatedElement element) {
        return element.isAnnotationPresent(JsonbTypeDeserializer.class)
                || element.isAnnotationPresent(JsonbTypeAdapter.class);
    }

    /** Classes of the JDK and of the platform APIs are never bound as POJOs, even with a no-arg constructor. */
    static boolean isPlatformClass(Class<?> cls) {
        String name = cls.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
                || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    static boolean isMapKeyType(Type type) {
        return type instanceof Class<?> cls && MAP_KEYS.contains(cls);
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        } else if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        } else if (type instanceof GenericArrayType array) {
            return Array.newInstance(rawClass(array.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** Type argument {@code index} of a parameterized type; a raw container is taken to hold Objects. */
    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** The element type of an array, collection or Optional. */
    static Type elementType(Type type) {
        if (type instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        } else if (type instanceof Class<?> cls && cls.isArray()) {
            return cls.getComponentType();
        }
        return typeArgument(type, 0);
    }

    /** The key type of a map; a raw Map is taken to have String keys. */
    static Type mapKeyType(Type type) {
        return type instanceof ParameterizedType ? typeArgument(type, 0) : String.class;
    }

    static Type mapValueType(Type type) {
        return typeArgument(type, 1);
    }

    // ---- properties of records and POJOs ----

    static List<Property> properties(Class<?> type) {
        return PROPERTIES.get(type);
    }

    private static List<Property> recordProperties(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // Annotations on a record component land on its field and accessor; JSON-B reads them there.
            Method accessor = component.getAccessor();
            Field field = declaredField(type, component.getName());
            if (accessor.isAnnotationPresent(JsonbTransient.class)
                    || (field != null && field.isAnnotationPresent(JsonbTransient.class))) {
                continue;
            }
            String name = jsonName(component.getName(), accessor, field);
            boolean custom = isCustomProperty(accessor) || (field != null && isCustomProperty(field));
            properties.add(new Property(name, component.getGenericType(), custom));
        }
        return List.copyOf(properties);
    }

    /**
     * The properties JSON-B writes into a POJO that we can see for certain: public setters and public non-final
     * fields. JSON-B may know more (a custom visibility strategy); keys for those pass through unchecked.
     */
    private static List<Property> pojoProperties(Class<?> type) {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (Field field : type.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || Modifier.isTransient(modifiers)
                    || field.isAnnotationPresent(JsonbTransient.class)) {
                continue;
            }
            String name = jsonName(field.getName(), field, null);
            byName.put(field.getName(), new Property(name, field.getGenericType(), isCustomProperty(field)));
        }
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.getParameterCount() != 1
                    || !method.getName().startsWith("set") || method.getName().length() == 3) {
                continue;
            }
            String propertyName = beanPropertyName(method.getName().substring(3));
            Field field = declaredField(type, propertyName);
            if (method.isAnnotationPresent(JsonbTransient.class)
                    || (field != null && field.isAnnotationPresent(JsonbTransient.class))) {
                byName.remove(propertyName);
                continue;
            }
            String name = jsonName(propertyName, method, field);
            boolean custom = isCustomProperty(method) || (field != null && isCustomProperty(field));
            // A setter wins over a public field of the same name, as JSON-B deserializes through the setter.
            byName.put(propertyName, new Property(name, method.getGenericParameterTypes()[0], custom));
        }
        return List.copyOf(byName.values());
    }

    /** JSON-B's rule for a property name from "setXyz": lower the first letter unless the first two are capitals. */
    private static String beanPropertyName(String suffix) {
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(0)) && Character.isUpperCase(suffix.charAt(1))) {
            return suffix;
        }
        return Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
    }

    private static String jsonName(String javaName, AnnotatedElement primary, AnnotatedElement secondary) {
        for (AnnotatedElement element : new AnnotatedElement[] {primary, secondary}) {
            if (element != null) {
                JsonbProperty property = element.getAnnotation(JsonbProperty.class);
                if (property != null && !property.value().isEmpty()) {
                    return property.value();
                }
            }
        }
        return javaName;
    }

    /** A property whose JSON form the class customises: we cannot know it, so JSON-B gets the value as sent. */
    private static boolean isCustomProperty(AnnotatedElement element) {
        return isCustomBound(element) || element.isAnnotationPresent(JsonbDateFormat.class)
                || element.isAnnotationPresent(JsonbNumberFormat.class);
    }

    private static Field declaredField(Class<?> type, String name) {
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            try {
                return cls.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    // ---- names and plain words ----

    /** The Java spelling of a type with simple names: {@code Map<String, List<Integer>>}, {@code int[]}. */
    static String javaName(Type type) {
        if (type instanceof Class<?> cls) {
            return cls.isArray() ? javaName(cls.getComponentType()) + "[]" : cls.getSimpleName();
        } else if (type instanceof ParameterizedType parameterized) {
            return javaName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(TypeModel::javaName).collect(Collectors.joining(", ", "<", ">"));
        } else if (type instanceof GenericArrayType array) {
            return javaName(array.getGenericComponentType()) + "[]";
        } else if (type instanceof WildcardType wildcard) {
            if (wildcard.getLowerBounds().length > 0) {
                return "? super " + javaName(wildcard.getLowerBounds()[0]);
            }
            Type upper = wildcard.getUpperBounds().length > 0 ? wildcard.getUpperBounds()[0] : Object.class;
            return upper == Object.class ? "?" : "? extends " + javaName(upper);
        } else if (type instanceof TypeVariable<?> variable) {
            return variable.getName();
        }
        return type.getTypeName();
    }

    /** What a parameter type expects, for messages: "an integer (int)", "a list of strings (List<String>)". */
    static String words(Type type) {
        if (kindOf(type) == Kind.OBJECT) {
            return "any value (Object)";
        } else if (kindOf(type) == Kind.ENUM) {
            return "one of " + enumNames((Class<?>) type) + " (" + javaName(type) + ")";
        }
        String noun = noun(type, false);
        return article(noun) + " " + noun + " (" + javaName(type) + ")";
    }

    private static String noun(Type type, boolean plural) {
        String s = plural ? "s" : "";
        Kind kind = kindOf(type);
        switch (kind) {
            case BOOLEAN:
                return "boolean" + s;
            case INTEGER:
            case BIG_INTEGER:
                return "integer" + s;
            case FLOATING:
            case BIG_DECIMAL:
                return "number" + s;
            case CHAR:
                return "single-character string" + s;
            case STRING:
                return "string" + s;
            case LOCAL_DATE_TIME:
            case INSTANT:
            case OFFSET_DATE_TIME:
                return "datetime" + s;
            case LOCAL_DATE:
                return "date" + s;
            case BYTES:
                return "bytes value" + s;
            case ENUM:
                return javaName(type) + " name" + s;
            case OBJECT:
                return plural ? "values" : "value";
            case JSON_VALUE:
                return jsonValueNoun(rawClass(type), plural);
            case OPTIONAL:
                return noun(elementType(type), plural) + " or null";
            case COLLECTION:
            case ARRAY:
                return "list" + s + " of " + noun(elementType(type), true);
            case MAP: {
                Type value = mapValueType(type);
                String keys = kindOf(mapKeyType(type)) == Kind.INTEGER ? " with integer keys" : "";
                String values = kindOf(value) == Kind.OBJECT ? "" : " with " + noun(value, false) + " values";
                return "JSON object" + s + keys + (keys.isEmpty() ? values : values.replace(" with ", " and "));
            }
            case RECORD:
            case POJO:
            case CUSTOM:
                return javaName(type) + " object" + s;
            default:
                return javaName(type) + " value" + s;
        }
    }

    private static String jsonValueNoun(Class<?> cls, boolean plural) {
        String s = plural ? "s" : "";
        if (cls == JsonObject.class) {
            return "JSON object" + s;
        } else if (cls == JsonArray.class) {
            return "JSON array" + s;
        } else if (cls == JsonString.class) {
            return "string" + s;
        } else if (cls == JsonNumber.class) {
            return "number" + s;
        } else if (cls == JsonStructure.class) {
            return "JSON object" + s + " or array" + s;
        }
        return "JSON value" + s;
    }

    static String enumNames(Class<?> enumType) {
        Object[] constants = enumType.getEnumConstants();
        String shown = Arrays.stream(constants).limit(12).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
        return constants.length > 12 ? shown + ", ..." : shown;
    }

    private static String article(String noun) {
        return !noun.isEmpty() && "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }
}
