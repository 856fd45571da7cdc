package io.gatehouse.runtime.dispatch;

import io.gatehouse.runtime.lifecycle.StartupMethod;
import io.gatehouse.runtime.messaging.MessagingDeclaration;

import jakarta.enterprise.inject.spi.Bean;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed service: its handler bean and its methods, the handler's own and the built-ins.
 *
 * @param name      {@code System/Component}
 * @param handler   the handler bean
 * @param methods   the handler's exported methods by name
 * @param startTime when the service table was built (the service's start, for {@code ping})
 * @param messaging what the handler declares for stable connections, when it takes them
 * @param startup   the handler's {@code @Initialize} method, when it has one
 */
public record ServiceEntry(String name, Bean<?> handler, Map<String, ExportedMethod> methods, Instant startTime,
                           Optional<MessagingDeclaration> messaging, Optional<StartupMethod> startup) {

    public ServiceEntry {
        methods = Map.copyOf(methods);
    }

    /** The handler's own method of that name. */
    public Optional<ExportedMethod> method(String methodName) {
        return Optional.ofNullable(methods.get(methodName));
    }
}
