package io.gatehouse.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

/**
 * The invocation handler behind {@link GatehouseClient#typed}: one interface method, one exported method. Return
 * types are checked when the typed client is made, so that a type JEncode cannot bind fails at once rather than at
 * the first call.
 */
final class TypedClient implements InvocationHandler {

    private final GatehouseClient client;
    private final Class<?> serviceInterface;
    /** The exported name of each remote method. */
    private final Map<Method, String> names = new ConcurrentHashMap<>();

    TypedClient(GatehouseClient client, Class<?> serviceInterface) {
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(serviceInterface.getName() + " is not an interface");
        }
        this.client = client;
        this.serviceInterface = serviceInterface;
        for (Method method : serviceInterface.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Remote remote = method.getAnnotation(Remote.class);
            String name = remote != null ? remote.value() : method.getName();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("@Remote(\"\") on " + describe(method) + ": the name is empty");
            }
            Optional<String> unbindable = returnsRaw(method) || returnsNothing(method) ? Optional.empty()
                    : JEncode.unbindableReason(method.getGenericReturnType());
            if (unbindable.isPresent()) {
                throw new IllegalArgumentException("the return type of " + describe(method)
                        + " cannot be bound: " + unbindable.get());
            }
            names.put(method, name);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> serviceInterface.getSimpleName() + " at " + client.urls();
                default -> throw new UnsupportedOperationException(method.toString());
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        String name = names.get(method);
        if (name == null) {
            throw new UnsupportedOperationException(method + " is not a method of " + serviceInterface.getName());
        }
        CallResult result = client.call(name, args == null ? new Object[0] : args);
        if (returnsRaw(method)) {
            return result;
        }
        if (!result.ok()) {
            throw new CallException(result);
        }
        if (returnsNothing(method)) {
            return null;
        }
        Type type = method.getGenericReturnType();
        Object value;
        try {
            value = JEncode.bind(result.value(), type);
        } catch (ArgumentException e) {
            throw new CallException("the value " + name + " returned from " + result.url() + " does not fit "
                    + type.getTypeName() + ": " + e.getMessage(), 0, result.httpStatus(), result.url(), e);
        }
        if (value == null && method.getReturnType().isPrimitive()) {
            throw new CallException(name + " returned null from " + result.url() + ", which does not fit "
                    + method.getReturnType(), 0, result.httpStatus(), result.url());
        }
        return value;
    }

    private static boolean returnsRaw(Method method) {
        return method.getReturnType() == CallResult.class;
    }

    private static boolean returnsNothing(Method method) {
        return method.getReturnType() == void.class || method.getReturnType() == Void.class;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
