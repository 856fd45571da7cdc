package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.configuration.ConfigTree;
import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.configuration.ServicePaths;
import io.gatehouse.runtime.dispatch.ExportedMethod;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the rule that guards a method, as DIRAC does: the administrator's
 * {@code /Systems/<System>/Services/<Component>/Authorization/<method>}, else the rule declared in code (parsed at
 * deployment), else the administrator's {@code Authorization/Default}, else anyone.
 *
 * <p>Rules are resolved once per configuration snapshot and kept in a table that belongs to that snapshot: when
 * the configuration publishes a new one, the next call starts a new table, so an administrator's change applies
 * to the next call and no call parses a rule that an earlier one already parsed.
 */
@ApplicationScoped
public class RuleResolver {

    /** The rules resolved under one snapshot, by service and then by method name. */
    private record RuleTable(ConfigTree snapshot, Map<String, Map<String, AuthorizationRule>> rules) {
    }

    private volatile RuleTable table;

    @Inject
    Configuration configuration;

    /** The rule for {@code method} when called on {@code service} ({@code System/Component}). */
    public AuthorizationRule ruleFor(String service, ExportedMethod method) {
        return ruleFor(service, method.name(), method.codeRule());
    }

    /**
     * The rule for what a service offers under {@code name} (a method, or a message it receives), given the rule
     * its code declares.
     */
    public AuthorizationRule ruleFor(String service, String name, Optional<AuthorizationRule> codeRule) {
        RuleTable current = currentTable();
        return current.rules().computeIfAbsent(service, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> resolve(current.snapshot(), service, name, codeRule));
    }

    /**
     * The administrator's rule under {@code name} alone (such as {@code Connection}), with no code rule or default
     * behind it.
     */
    public Optional<AuthorizationRule> adminRuleFor(String service, String name) {
        return adminRule(currentTable().snapshot(), authorizationSection(service) + name);
    }

    /**
     * Where the rule for {@code name} comes from now, as {@link #ruleFor} finds it: {@code configuration} (the
     * administrator's line for it), {@code code}, {@code default} (the service's {@code Authorization/Default}) or
     * {@code none} (anyone may call).
     */
    public String originOf(String service, String name, Optional<AuthorizationRule> codeRule) {
        ConfigTree snapshot = currentTable().snapshot();
        String section = authorizationSection(service);
        if (snapshot.option(section + name).isPresent()) {
            return "configuration";
        }
        if (codeRule.isPresent()) {
            return "code";
        }
        return snapshot.option(section + "Default").isPresent() ? "default" : "none";
    }

    private RuleTable currentTable() {
        ConfigTree snapshot = configuration.snapshot();
        RuleTable current = table;
        if (current == null || current.snapshot() != snapshot) {
            current = new RuleTable(snapshot, new ConcurrentHashMap<>());
            table = current;
        }
        return current;
    }

    private static AuthorizationRule resolve(ConfigTree snapshot, String service, String name,
                                             Optional<AuthorizationRule> codeRule) {
        String section = authorizationSection(service);
        return adminRule(snapshot, section + name)
                .or(() -> codeRule)
                .or(() -> adminRule(snapshot, section + "Default"))
                .orElse(AuthorizationRule.NONE);
    }

    private static Optional<AuthorizationRule> adminRule(ConfigTree snapshot, String path) {
        return snapshot.option(path).map(value -> AuthorizationRule.parse(path, value));
    }

    /** {@code /Systems/<System>/Services/<Component>/Authorization/}. */
    public static String authorizationSection(String service) {
        return ServicePaths.serviceSection(service) + "Authorization/";
    }
}
