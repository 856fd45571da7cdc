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

        public io.gatehouse.api.files.Download upload(String name, java.io.InputStream body, Optional<Long> a,
                                                      Optional<String> b) {
            return null;
        }

        public io.gatehouse.api.Result<io.gatehouse.api.files.Download> optionalInTheMiddle(Optional<Long> a,
                                                                                            String b) {
            return null;
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

    @Test
    void theStreamedBodyAndTheOptionalTailAreFoundOnce() {
        ExportedMethod upload = of("upload");
        assertEquals(java.util.OptionalInt.of(1), upload.bodyParameter());
        assertEquals(2, upload.optionalTrailingParameters());
        assertTrue(upload.returnsDownload());
        ExportedMethod middle = of("optionalInTheMiddle");
        assertTrue(middle.bodyParameter().isEmpty());
        assertEquals(0, middle.optionalTrailingParameters(), "an Optional before a required one is required");
        assertTrue(middle.returnsDownload(), "a Result of a Download");
        assertFalse(of("parameters").returnsDownload());
        assertEquals(0, of("parameters").optionalTrailingParameters(), "Integer comes last");
    }
}
