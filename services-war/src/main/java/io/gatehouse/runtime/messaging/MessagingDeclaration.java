package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Result;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.messaging.Messages;
import io.gatehouse.api.messaging.OnConnect;
import io.gatehouse.api.messaging.OnDrop;
import io.gatehouse.api.messaging.Receive;
import io.gatehouse.api.wire.JEncode;
import io.gatehouse.runtime.authorization.AuthorizationRule;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a handler declares for stable connections, read once at deployment: its messages by name, the method that
 * receives each (with its rule), and its connect and drop callbacks. Every mistake fails the deployment with a
 * message naming the class and method.
 *
 * @param messages  the declared message records by name (their simple names), in declaration order
 * @param receivers the receiving method of each message that has one, by message name
 * @param onConnect the {@link OnConnect} method, if any
 * @param onDrop    the {@link OnDrop} method, if any
 */
public record MessagingDeclaration(Map<String, Class<? extends Record>> messages, Map<String, Receiver> receivers,
                                   Optional<Method> onConnect, Optional<Method> onDrop) {

    public MessagingDeclaration {
        messages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(messages));
        receivers = Map.copyOf(receivers);
    }

    /**
     * A method receiving one message.
     *
     * @param message        the message's name
     * @param javaMethod     the handler's method, invoked on the bean's contextual reference
     * @param declaredRule   the tokens of {@code @Receive(auth=...)}
     * @param codeRule       those tokens parsed; empty when the code declares none
     * @param takesConnection whether the method has the {@link Connection} as second parameter
     */
    public record Receiver(String message, Method javaMethod, List<String> declaredRule,
                           Optional<AuthorizationRule> codeRule, boolean takesConnection) {

        public Receiver {
            declaredRule = List.copyOf(declaredRule);
        }
    }

    /** The name a message record is known by on the wire. */
    public static String nameOf(Class<?> message) {
        return message.getSimpleName();
    }

    /**
     * Reads a handler class's declaration.
     *
     * @param problems receives each mistake, naming the class or method
     * @return empty when the class declares no messages (and uses none of the messaging annotations)
     */
    public static Optional<MessagingDeclaration> read(Class<?> handler, Consumer<String> problems) {
        Messages declared = handler.getAnnotation(Messages.class);
        Map<String, Class<? extends Record>> messages = new LinkedHashMap<>();
        if (declared != null) {
            for (Class<? extends Record> message : declared.value()) {
                String name = nameOf(message);
                Class<?> previous = messages.putIfAbsent(name, message);
                if (previous != null && previous != message) {
                    problems.accept(handler.getName() + ": two messages named " + name + ": " + previous.getName()
                            + " and " + message.getName());
                }
                unboundReason(message).ifPresent(reason -> problems.accept(handler.getName() + ": message " + name
                        + " cannot be carried as JSON: " + reason));
            }
        }
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        Method onConnect = null;
        Method onDrop = null;
        for (Method method : handler.getMethods()) {
            String where = handler.getName() + "." + method.getName();
            Receive receive = method.getAnnotation(Receive.class);
            if (receive != null) {
                readReceiver(where, method, receive, messages, problems)
                        .ifPresent(r -> {
                            if (receivers.putIfAbsent(r.message(), r) != null) {
                                problems.accept(where + ": a second method receiving message " + r.message());
                            }
                        });
            }
            if (method.isAnnotationPresent(OnConnect.class)) {
                checkCallback(where, method, "@OnConnect", problems);
                onConnect = onConnect == null ? method : duplicate(where, "@OnConnect", problems, onConnect);
            }
            if (method.isAnnotationPresent(OnDrop.class)) {
                checkCallback(where, method, "@OnDrop", problems);
                onDrop = onDrop == null ? method : duplicate(where, "@OnDrop", problems, onDrop);
            }
        }
        if (messages.isEmpty()) {
            if (!receivers.isEmpty() || onConnect != null || onDrop != null) {
                problems.accept(handler.getName() + ": receives messages or connections but declares no @Messages");
            }
            return Optional.empty();
        }
        return Optional.of(new MessagingDeclaration(messages, receivers, Optional.ofNullable(onConnect),
                Optional.ofNullable(onDrop)));
    }

    private static Optional<String> unboundReason(Class<? extends Record> message) {
        if (!Modifier.isPublic(message.getModifiers())) {
            return Optional.of(message.getName() + " is not public");
        }
        for (RecordComponent component : message.getRecordComponents()) {
            Optional<String> reason = JEncode.unbindableReason(component.getGenericType());
            if (reason.isPresent()) {
                return Optional.of("field " + component.getName() + ": " + reason.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<Receiver> readReceiver(String where, Method method, Receive receive,
                                                   Map<String, Class<? extends Record>> messages,
                                                   Consumer<String> problems) {
        if (!isCallable(method)) {
            problems.accept(where + ": a @Receive method must be public, not static and not final");
            return Optional.empty();
        }
        Class<?>[] parameters = method.getParameterTypes();
        boolean shaped = (parameters.length == 1 || parameters.length == 2 && parameters[1] == Connection.class)
                && parameters[0].isRecord();
        if (!shaped) {
            problems.accept(where + ": a @Receive method takes a declared message record, then optionally the"
                    + " Connection");
            return Optional.empty();
        }
        String name = nameOf(parameters[0]);
        if (messages.get(name) != parameters[0]) {
            problems.accept(where + ": receives " + parameters[0].getName() + ", which the handler's @Messages does"
                    + " not declare");
            return Optional.empty();
        }
        if (!returnsNothingOrResult(method)) {
            problems.accept(where + ": a @Receive method returns void or a Result");
            return Optional.empty();
        }
        List<String> tokens = Arrays.asList(receive.auth());
        Optional<AuthorizationRule> rule = tokens.stream().allMatch(String::isBlank)
                ? Optional.empty()
                : Optional.of(AuthorizationRule.parse("code", tokens));
        return Optional.of(new Receiver(name, method, tokens, rule, parameters.length == 2));
    }

    private static void checkCallback(String where, Method method, String annotation, Consumer<String> problems) {
        if (!isCallable(method) || method.getParameterCount() != 1
                || method.getParameterTypes()[0] != Connection.class || !returnsNothingOrResult(method)) {
            problems.accept(where + ": an " + annotation + " method is public, takes the Connection alone and returns"
                    + " void or a Result");
        }
    }

    private static Method duplicate(String where, String annotation, Consumer<String> problems, Method first) {
        problems.accept(where + ": a second " + annotation + " method (the first is " + first.getName() + ")");
        return first;
    }

    private static boolean isCallable(Method method) {
        int modifiers = method.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers);
    }

    private static boolean returnsNothingOrResult(Method method) {
        return method.getReturnType() == void.class || method.getReturnType() == Result.class;
    }
}
