package io.gatehouse.runtime.dispatch;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every deployed service and every exported method, built once at deployment by {@link HandlerExtension} and
 * never changed afterwards, so lookups on the call path need no locking.
 */
public final class ServiceTable {

    private final Map<String, ServiceEntry> services;
    private final Map<String, ExportedMethod> builtins;
    private final Map<Method, ExportedMethod> byJavaMethod;

    ServiceTable(Map<String, ServiceEntry> services, Map<String, ExportedMethod> builtins) {
        this.services = Map.copyOf(services);
        this.builtins = Map.copyOf(builtins);
        Map<Method, ExportedMethod> index = new HashMap<>();
        builtins.values().forEach(m -> index.put(m.javaMethod(), m));
        services.values().forEach(s -> s.methods().values().forEach(m -> index.put(m.javaMethod(), m)));
        this.byJavaMethod = Map.copyOf(index);
    }

    /** The service deployed under {@code System/Component}. */
    public Optional<ServiceEntry> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /**
     * The service a request's path {@code /<system>/<component>} names, or the 404 that says why there is none.
     * The protocol's route is exact: JAX-RS would also match a trailing slash, this does not.
     */
    public ServiceEntry find(String system, String component, String requestUri) {
        if (requestUri.endsWith("/")) {
            throw CallFailure.notFound("no service at " + Texts.cut(requestUri) + ": drop the trailing slash");
        }
        String name = system + "/" + component;
        return service(name).orElseThrow(() -> CallFailure.notFound(
                "no service " + Texts.cut(name) + " here; this server runs " + serviceNames()));
    }

    /** The names of all deployed services, sorted. */
    public SortedSet<String> serviceNames() {
        return new TreeSet<>(services.keySet());
    }

    /** A built-in method ({@code ping}, {@code echo}, {@code whoami}) by name. */
    public Optional<ExportedMethod> builtin(String name) {
        return Optional.ofNullable(builtins.get(name));
    }

    /** Every built-in method. */
    public java.util.Collection<ExportedMethod> builtins() {
        return builtins.values();
    }

    /** The exported method a Java method implements; the interceptor's way back to the rule. */
    public Optional<ExportedMethod> exportedBy(Method javaMethod) {
        return Optional.ofNullable(byJavaMethod.get(javaMethod));
    }
}
