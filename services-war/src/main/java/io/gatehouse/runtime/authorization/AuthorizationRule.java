package io.gatehouse.runtime.authorization;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One method's rule, DIRAC's token list (PROTOCOL.md §8), parsed once into an immutable value so that nothing a
 * call does can change the next call's rule.
 *
 * @param source     where the rule came from, for audit lines (e.g. "code", "/Systems/.../Authorization/Default")
 * @param tokens     the tokens as written
 * @param groups     the {@code group:} restrictions
 * @param vos        the {@code vo:} restrictions
 * @param properties the remaining tokens, lower-cased: {@code all}, {@code any}, {@code authenticated} or
 *                   property names
 */
public record AuthorizationRule(String source, List<String> tokens, Set<String> groups, Set<String> vos,
                                Set<String> properties) {

    /** The rule when nothing declares one: anyone. */
    public static final AuthorizationRule NONE = parse("none declared", List.of("all"));

    public AuthorizationRule {
        tokens = List.copyOf(tokens);
        groups = Set.copyOf(groups);
        vos = Set.copyOf(vos);
        properties = Set.copyOf(properties);
    }

    /** Parses tokens; blanks are dropped, {@code group:} and {@code vo:} compared as written. */
    public static AuthorizationRule parse(String source, List<String> tokens) {
        List<String> clean = tokens.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        return new AuthorizationRule(source, clean,
                withPrefix(clean, "group:"), withPrefix(clean, "vo:"),
                clean.stream().filter(t -> !hasPrefix(t, "group:") && !hasPrefix(t, "vo:"))
                        .map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    /** Parses a DIRAC list option value, comma-separated. */
    public static AuthorizationRule parse(String source, String commaSeparated) {
        return parse(source, Arrays.asList(commaSeparated.split(",")));
    }

    /** True when the rule admits anyone, visitors included ({@code all} or {@code any}). */
    public boolean admitsAnyone() {
        return properties.contains("all") || properties.contains("any");
    }

    /** True when the rule restricts the caller's group or VO. */
    public boolean restrictsGroups() {
        return !groups.isEmpty() || !vos.isEmpty();
    }

    private static boolean hasPrefix(String token, String prefix) {
        return token.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static Set<String> withPrefix(List<String> tokens, String prefix) {
        return tokens.stream().filter(t -> hasPrefix(t, prefix)).map(t -> t.substring(prefix.length()).trim())
                .collect(Collectors.toSet());
    }

    @Override
    public String toString() {
        return String.join(", ", tokens) + " (" + source + ")";
    }
}
