package io.gatehouse.client.description;

import java.util.List;

/**
 * A service as {@code GET /<System>/<Component>} (or its {@code system.describe} method) describes it to the
 * caller who asked.
 *
 * @param name     {@code System/Component}
 * @param doc      what the service is for (its class's annotation or Javadoc), or null
 * @param methods  the handler's own methods sorted by name, then the built-ins; never null
 * @param messages the messages of its stable connections, or null when it takes none
 * @param complete false when methods the caller may not call were left out (a visitor's view)
 */
public record ServiceDescription(String name, String doc, List<MethodDescription> methods,
                                 List<MessageDescription> messages, boolean complete) {

    public ServiceDescription {
        methods = methods == null ? List.of() : List.copyOf(methods);
        messages = messages == null ? null : List.copyOf(messages);
    }
}
