package io.gatehouse.runtime.authorization;

import io.gatehouse.api.Export;
import io.gatehouse.runtime.configuration.CfgParser;
import io.gatehouse.runtime.configuration.ConfigTree;
import io.gatehouse.runtime.configuration.Configuration;
import io.gatehouse.runtime.dispatch.ExportedMethod;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RuleResolverTest {

    static class Sample {
        @Export(auth = {"NormalUser", "group:users"})
        public void declared() {
        }

        @Export
        public void undeclared() {
        }
    }

    private final AtomicReference<ConfigTree> file = new AtomicReference<>(ConfigTree.EMPTY);
    private final Configuration configuration = Configuration.published(file::get, path -> java.util.Optional.empty(),
            java.util.Set::of);
    private final RuleResolver rules = new RuleResolver();

    RuleResolverTest() {
        rules.configuration = configuration;
    }

    private static ConfigTree authorization(String component, String options) {
        return CfgParser.parse("Systems\n{\nTest\n{\nServices\n{\n" + component + "\n{\nAuthorization\n{\n" + options
                + "\n}\n}\n}\n}\n}\n");
    }

    private static ExportedMethod method(String name) throws NoSuchMethodException {
        Export export = Sample.class.getMethod(name).getAnnotation(Export.class);
        return ExportedMethod.of("Test/Sample", name, Sample.class.getMethod(name), Arrays.asList(export.auth()));
    }

    @Test
    void theCodesRuleIsParsedAtDeploymentAndReusedUntilTheConfigurationChanges() throws Exception {
        ExportedMethod declared = method("declared");
        AuthorizationRule first = rules.ruleFor("Test/Sample", declared);
        assertEquals("code", first.source());
        assertEquals(List.of("NormalUser", "group:users"), first.tokens());
        assertSame(first, rules.ruleFor("Test/Sample", declared));
        assertSame(declared.codeRule().orElseThrow(), first);

        file.set(authorization("Sample", "declared = authenticated\nDefault = ServiceAdministrator"));
        assertSame(first, rules.ruleFor("Test/Sample", declared), "nothing is seen before the refresh publishes");
        configuration.refresh();
        AuthorizationRule admin = rules.ruleFor("Test/Sample", declared);
        assertNotSame(first, admin);
        assertEquals(List.of("authenticated"), admin.tokens());
        assertEquals("/Systems/Test/Services/Sample/Authorization/declared", admin.source());
        AuthorizationRule fallback = rules.ruleFor("Test/Sample", method("undeclared"));
        assertEquals(List.of("ServiceAdministrator"), fallback.tokens());
    }

    @Test
    void aMethodWithoutAnyRuleAdmitsAnyoneAndTheSameMethodHasEachServicesRule() throws Exception {
        ExportedMethod undeclared = method("undeclared");
        assertSame(AuthorizationRule.NONE, rules.ruleFor("Test/Sample", undeclared));
        file.set(authorization("Other", "undeclared = authenticated"));
        configuration.refresh();
        assertSame(AuthorizationRule.NONE, rules.ruleFor("Test/Sample", undeclared));
        assertEquals(List.of("authenticated"), rules.ruleFor("Test/Other", undeclared).tokens());
    }
}
