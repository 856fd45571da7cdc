package io.gatehouse.runtime.dispatch;

import jakarta.annotation.Nullable;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportedMethodTest {

    @RolesAllowed("admins")
    static class Sample {
        public void parameters(int count, String text, @Nullable String maybe, Optional<String> optional,
                               JsonValue json, Integer boxed) {
        }

        @RolesAllowed({"a", "b"})
        public void ownRoles() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        public void classRoles() {
        }
    }

    private static ExportedMethod of(String name, String... rule) {
        Method method = Arrays.stream(Sample.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
        return ExportedMethod.of("Test/Sample", name, method, List.of(rule));
    }

    @Test
    void nullIsTakenOnlyWhereAParameterSaysSo() {
        List<ExportedMethod.MethodParameter> parameters = of("parameters").parameters();
        assertEquals(List.of(false, false, true, true, true, false),
                parameters.stream().map(ExportedMethod.MethodParameter::acceptsNull).toList());
        assertEquals("argument 2 (text)", parameters.get(1).describe());
        assertEquals(List.of(1, 2, 3, 4, 5, 6),
                parameters.stream().map(ExportedMethod.MethodParameter::position).toList());
    }

    @Test
    void theRuleInCodeIsParsedOnce() {
        assertTrue(of("open").codeRule().isEmpty());
        assertEquals(Set.of("normaluser"), of("open", "NormalUser", " ").codeRule().orElseThrow().properties());
        assertEquals(Set.of("users"), of("open", "group:users").codeRule().orElseThrow().groups());
    }

    @Test
    void rolesAllowedOfTheMethodElseOfTheClass() {
        assertEquals(Optional.of(Set.of("a", "b")), of("ownRoles").rolesAllowed());
        assertEquals(Optional.of(Set.of("admins")), of("classRoles").rolesAllowed());
        assertFalse(of("open").rolesAllowed().isPresent());
        assertEquals(Optional.of(Set.of()), of("closed").rolesAllowed());
    }
}
