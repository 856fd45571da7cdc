package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Result;
import io.gatehouse.api.ServiceException;
import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

import jakarta.json.JsonArray;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods a client offers to the service's calls into it (restpipe's event handlers): the public
 * {@code @Export} methods of the objects given, each argument bound to its parameter's type as a service binds
 * its own methods' arguments. A method returns a value (S_OK), a {@link Result}, or throws a
 * {@link ServiceException} (S_ERROR).
 */
final class ClientCallHandlers {

    private record Target(Object handler, Method method) {
    }

    private final Map<String, Target> methods = new ConcurrentHashMap<>();

    void add(Object handler) {
        for (Method method : handler.getClass().getMethods()) {
            Export export = method.getAnnotation(Export.class);
            if (export == null) {
                continue;
            }
            if (Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException(method + ": an offered method is not static");
            }
            for (Type parameter : method.getGenericParameterTypes()) {
                JEncode.unbindableReason(parameter).ifPresent(reason -> {
                    throw new IllegalArgumentException(method + ": " + parameter.getTypeName()
                            + " cannot be bound from JSON: " + reason);
                });
            }
            String name = export.name().isEmpty() ? method.getName() : export.name();
            if (methods.putIfAbsent(name, new Target(handler, method)) != null) {
                throw new IllegalArgumentException("a second offered method named " + name);
            }
        }
    }

    /** Calls the offered method; every outcome is a Result, never an exception. */
    Result<?> call(String name, JsonArray args) {
        Target target = methods.get(name);
        if (target == null) {
            return Result.error(Errors.ENOMETH, "this client offers no method " + name);
        }
        Type[] types = target.method().getGenericParameterTypes();
        if (args.size() != types.length) {
            return Result.error(Errors.EINVAL, name + " takes " + types.length + " arguments, got " + args.size());
        }
        Object[] values = new Object[types.length];
        try {
            for (int i = 0; i < types.length; i++) {
                values[i] = JEncode.bind(args.get(i), types[i]);
            }
        } catch (ArgumentException e) {
            return Result.error(Errors.EINVAL, name + ": " + e.getMessage());
        }
        try {
            Object returned = target.method().invoke(target.handler(), values);
            return returned instanceof Result<?> result ? result : Result.ok(returned);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ServiceException refused) {
                return refused.toResult();
            }
            return Result.error(Errors.EEEXCEPTION, name + " failed on the client");
        } catch (IllegalAccessException e) {
            return Result.error(Errors.EEEXCEPTION, name + " cannot be called: " + e.getMessage());
        }
    }
}
