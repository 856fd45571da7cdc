package io.gatehouse.api.wire;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.gatehouse.api.wire.TypeModel.Kind;
import io.gatehouse.api.wire.TypeModel.Property;

/**
 * Decides at deployment whether arguments can be bound to a parameter type, so that an exported method with a
 * parameter JSON-B cannot build (an interface, an abstract class, a class without a no-arg constructor...) is
 * refused when the service starts rather than failing on its first call.
 */
final class Bindability {

    private final ConcurrentHashMap<Type, Optional<String>> verdicts = new ConcurrentHashMap<>();

    /** Empty when the type can be bound, else why not, naming the offending type. */
    Optional<String> whyNot(Type type) {
        return verdicts.computeIfAbsent(type, t -> Optional.ofNullable(reason(t, new HashSet<>())));
    }

    private static String reason(Type type, Set<Class<?>> visiting) {
        if (type instanceof WildcardType) {
            return "the wildcard type " + TypeModel.javaName(type) + " cannot be bound; declare the concrete type";
        } else if (type instanceof TypeVariable<?>) {
            return "the type variable " + TypeModel.javaName(type) + " cannot be bound; declare the concrete type";
        } else if (type instanceof GenericArrayType) {
            // Yasson 3 fails to build an array of a parameterized type (it reflects on the JDK's type object).
            return "the generic array type " + TypeModel.javaName(type) + " cannot be bound; use a List instead";
        } else if (type instanceof ParameterizedType parameterized) {
            return parameterizedReason(parameterized, visiting);
        } else if (type instanceof Class<?> cls) {
            return classReason(cls, visiting);
        }
        return "the type " + type.getTypeName() + " cannot be bound";
    }

    private static String parameterizedReason(ParameterizedType type, Set<Class<?>> visiting) {
        switch (TypeModel.kindOf(type)) {
            case COLLECTION:
            case OPTIONAL:
                return reason(TypeModel.elementType(type), visiting);
            case MAP: {
                Type key = TypeModel.mapKeyType(type);
                if (!TypeModel.isMapKeyType(key)) {
                    return "the map key type " + TypeModel.javaName(key) + " in " + TypeModel.javaName(type)
                            + " cannot be bound; JSON object keys are strings, so use String (or Integer or Long)";
                }
                return reason(TypeModel.mapValueType(type), visiting);
            }
            default:
                Class<?> raw = TypeModel.rawClass(type);
                if (TypeModel.kindOf(raw) == Kind.UNSUPPORTED) {
                    return classReason(raw, visiting);
                }
                // JSON-B (Yasson) cannot resolve a generic record's or POJO's type variables when it builds one.
                return "the generic type " + TypeModel.javaName(type)
                        + " cannot be bound; only List, Set, Collection, Map and Optional may have type arguments";
        }
    }

    private static String classReason(Class<?> cls, Set<Class<?>> visiting) {
        String name = TypeModel.javaName(cls);
        switch (TypeModel.kindOf(cls)) {
            case ARRAY:
                return reason(cls.getComponentType(), visiting);
            case OPTIONAL:
                return "Optional needs its type argument, e.g. Optional<String>";
            case RECORD:
            case POJO:
                return beanReason(cls, visiting);
            case UNSUPPORTED:
                break;
            default:
                return null;
        }
        if (cls.isPrimitive()) {
            return "void is not a parameter type";
        } else if (cls.isInterface()) {
            return name + " is an interface; the only interfaces that can be bound are List, Set, SortedSet, "
                    + "Collection, Queue, Deque, Map, SortedMap and the jakarta.json types";
        } else if (java.util.Collection.class.isAssignableFrom(cls) || java.util.Map.class.isAssignableFrom(cls)) {
            return name + " is not a supported collection type; use List, Set or Map";
        } else if (Modifier.isAbstract(cls.getModifiers())) {
            return name + " is an abstract class";
        }
        return cls.getName() + " is not a supported parameter type";
    }

    private static String beanReason(Class<?> cls, Set<Class<?>> visiting) {
        String name = TypeModel.javaName(cls);
        if (!visiting.add(cls)) {
            return null; // a recursive type such as record Node(List<Node> children): checked further up
        }
        if (cls.getTypeParameters().length > 0) {
            return "the generic class " + cls.getName()
                    + " cannot be bound; JSON-B cannot resolve its type variables, use a non-generic record";
        } else if (!Modifier.isPublic(cls.getModifiers())) {
            return cls.getName() + " is not public, so JSON-B cannot create it";
        }
        String what = cls.isRecord() ? "record " : "class ";
        if (!cls.isRecord()) {
            if (cls.isMemberClass() && !Modifier.isStatic(cls.getModifiers())) {
                return cls.getName() + " is an inner class; make it static or a record";
            } else if (!hasPublicNoArgConstructor(cls)) {
                return cls.getName() + " has no public no-argument constructor and is not a record or an enum";
            }
        }
        for (Property property : TypeModel.properties(cls)) {
            if (property.customBound()) {
                continue;
            }
            String nested = reason(property.type(), visiting);
            if (nested != null) {
                return nested + " (in " + (cls.isRecord() ? "component" : "property") + " \"" + property.jsonName()
                        + "\" of " + what + name + ")";
            }
        }
        return null;
    }

    private static boolean hasPublicNoArgConstructor(Class<?> cls) {
        for (Constructor<?> constructor : cls.getConstructors()) {
            if (constructor.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
