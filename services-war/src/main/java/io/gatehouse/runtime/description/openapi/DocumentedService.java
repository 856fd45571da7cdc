package io.gatehouse.runtime.description.openapi;

import io.gatehouse.runtime.description.ServiceDescription;

import java.util.List;

/**
 * One service as the OpenAPI document shows it.
 *
 * @param name    {@code System/Component}
 * @param doc     what the service is for, or null
 * @param methods its methods as its code declares them, rules included ({@code ServiceDescriber#declaredMethods})
 */
public record DocumentedService(String name, String doc, List<ServiceDescription.Method> methods) {

    public DocumentedService {
        methods = List.copyOf(methods);
    }
}
