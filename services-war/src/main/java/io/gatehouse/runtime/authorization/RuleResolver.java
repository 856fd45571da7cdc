package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.ServicePaths;
import io.gatehouse.runtime.dispatch.ExportedMethod;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Finds the rule that guards a method, as DIRAC does: the administrator's
 * {@code /Systems/<System>/Services/<Component>/Authorization/<method>}, else the rule declared in code, else the
 * administrator's {@code Authorization/Default}, else anyone. Read at each call, so an administrator's change
 * applies to the next call.
 */
@ApplicationScoped
public class RuleResolver {

    @Inject
    Configuration configuration;

    /** The rule for {@code method} of {@code service} ({@code System/Component}). */
    public AuthorizationRule ruleFor(String service, ExportedMethod method) {
        String section = authorizationSection(service);
        return adminRule(section + method.name())
                .or(() -> method.declaredRule().isEmpty()
                        ? Optional.empty()
                        : Optional.of(AuthorizationRule.parse("code", method.declaredRule())))
                .or(() -> adminRule(section + "Default"))
                .orElse(AuthorizationRule.NONE);
    }

    private Optional<AuthorizationRule> adminRule(String path) {
        return configuration.option(path).map(value -> AuthorizationRule.parse(path, value));
    }

    /** {@code /Systems/<System>/Services/<Component>/Authorization/}. */
    public static String authorizationSection(String service) {
        return ServicePaths.serviceSection(service) + "Authorization/";
    }
}
