package io.gatehouse.runtime.description;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where a description's texts come from: the {@code doc} of {@link Export} or {@link Handler} when the code gives
 * one, else the Javadoc recorded when the handler module was compiled.
 */
final class Docs {

    private Docs() {
    }

    static Optional<String> ofHandler(Class<?> handler) {
        Handler annotation = handler.getAnnotation(Handler.class);
        return annotation != null && !annotation.doc().isBlank() ? Optional.of(annotation.doc().strip())
                : ofType(handler);
    }

    static Optional<String> ofMethod(Class<?> owner, Method method) {
        Export export = method.getAnnotation(Export.class);
        return export != null && !export.doc().isBlank() ? Optional.of(export.doc().strip()) : Optional.empty();
    }

    static Optional<String> ofParameter(Class<?> owner, Method method, String name) {
        return Optional.empty();
    }

    static Optional<String> ofReturn(Class<?> owner, Method method) {
        return Optional.empty();
    }

    static Optional<String> ofType(Class<?> type) {
        return Optional.empty();
    }

    static Optional<String> ofComponent(Class<?> record, String component) {
        return Optional.empty();
    }
}
