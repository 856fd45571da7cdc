package io.gatehouse.runtime.description;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.docs.HandlerDocs;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where a description's texts come from: the {@code doc} of {@link Export} or {@link Handler} when the code gives
 * one, else the Javadoc recorded when the handler module was compiled ({@link HandlerDocs}). A method's texts are
 * looked up on the class that declares it, never on a container's proxy or subclass.
 */
final class Docs {

    private Docs() {
    }

    static Optional<String> ofHandler(Class<?> handler) {
        Handler annotation = handler.getAnnotation(Handler.class);
        return annotation != null && !annotation.doc().isBlank() ? Optional.of(annotation.doc().strip())
                : ofType(handler);
    }

    static Optional<String> ofMethod(Method method) {
        Export export = method.getAnnotation(Export.class);
        return export != null && !export.doc().isBlank() ? Optional.of(export.doc().strip())
                : HandlerDocs.of(method.getDeclaringClass()).method(method);
    }

    static Optional<String> ofParameter(Method method, String name) {
        return HandlerDocs.of(method.getDeclaringClass()).parameter(method, name);
    }

    static Optional<String> ofReturn(Method method) {
        return HandlerDocs.of(method.getDeclaringClass()).returns(method);
    }

    static Optional<String> ofType(Class<?> type) {
        return HandlerDocs.of(type).type();
    }

    static Optional<String> ofComponent(Class<?> record, String component) {
        return HandlerDocs.of(record).component(component);
    }
}
