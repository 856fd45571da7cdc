package io.gatehouse.runtime.description;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Result;
import io.gatehouse.runtime.dispatch.CurrentCall;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The introspection built-ins every service answers, with Clarens' names: the same description as
 * {@code GET /<System>/<Component>}, over POST, for clients that only call. Like every built-in they are exported
 * methods, so administrators may put a rule on them.
 */
@ApplicationScoped
public class IntrospectionMethods {

    @Inject
    ServiceDescriber describer;

    @Export(name = "system.listMethods", auth = "all", doc = "The names of the methods you may see, sorted: the"
            + " service's own, then the built-ins.")
    public List<String> listMethods() {
        return describe().methods().stream().map(ServiceDescription.Method::name).toList();
    }

    @Export(name = "system.methodSignature", auth = "all", doc = "The method's signatures in Clarens' form: a list"
            + " holding one list of type names, the returned type's first, then each argument's.")
    public Result<List<List<String>>> methodSignature(String method) {
        return find(method).map(m -> {
            List<String> types = new ArrayList<>();
            types.add(m.returns().type());
            m.parameters().forEach(p -> types.add(p.type()));
            return Result.ok(List.of(List.copyOf(types)));
        }).orElseGet(() -> Result.error(Errors.ENOENT, noSuchMethod(method)));
    }

    @Export(name = "system.methodHelp", auth = "all", doc = "The method's documentation; empty when it has none.")
    public Result<String> methodHelp(String method) {
        return find(method).map(m -> Result.ok(m.doc() == null ? "" : m.doc()))
                .orElseGet(() -> Result.error(Errors.ENOENT, noSuchMethod(method)));
    }

    @Export(name = "system.describe", auth = "all", doc = "The whole description of the service, as"
            + " GET /<System>/<Component> gives it: methods with signatures, docs and rules, and messages.")
    public ServiceDescription describe() {
        return describer.describe(CurrentCall.service(), CurrentCall.caller());
    }

    private Optional<ServiceDescription.Method> find(String method) {
        return describer.describeMethod(CurrentCall.service(), method, CurrentCall.caller());
    }

    private static String noSuchMethod(String method) {
        return "no method " + (method.length() > 100 ? method.substring(0, 100) + "..." : method)
                + " here that you may see (system.listMethods lists them)";
    }
}
