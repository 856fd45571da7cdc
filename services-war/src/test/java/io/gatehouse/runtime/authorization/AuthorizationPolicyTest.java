package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.identity.CallerCredentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationPolicyTest {

    private static final Map<String, CallerCredentials> CALLERS = Map.of(
            "visitor", CallerCredentials.noCertificate(),
            "unknown", caller(false, false, "visitor", null, List.of()),
            "alice", caller(true, true, "dirac_user", "vo1", List.of("NormalUser")),
            "admin", caller(true, true, "dirac_admin", "vo1", List.of("NormalUser", "ServiceAdministrator")),
            "outsider", caller(true, false, "dirac_user", "vo1", List.of()),
            "other_vo", caller(true, true, "lhcb_user", "vo2", List.of("NormalUser")));

    private static CallerCredentials caller(boolean validDN, boolean validGroup, String group, String vo,
                                            List<String> properties) {
        return new CallerCredentials("/CN=x", "/CN=ca", 100, false, false, validDN, validGroup, "/CN=x",
                Optional.empty(), group, Optional.ofNullable(vo), "x", properties, Optional.empty());
    }

    @ParameterizedTest(name = "{0} on [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "visitor  | all                          | 200",
            "visitor  | any                          | 200",
            "visitor  | authenticated                | 401",
            "visitor  | NormalUser                   | 401",
            "visitor  | all, group:dirac_user        | 401",
            "unknown  | all                          | 200",
            "unknown  | authenticated                | 401",
            "alice    | authenticated                | 200",
            "alice    | NormalUser                   | 200",
            "alice    | normaluser                   | 200",
            "alice    | ServiceAdministrator         | 403",
            "alice    | ServiceAdministrator, NormalUser | 200",
            "admin    | serviceADMINISTRATOR         | 200",
            "alice    | authenticated, group:dirac_admin | 403",
            "admin    | authenticated, group:dirac_admin | 200",
            "alice    | NormalUser, vo:vo1           | 200",
            "other_vo | NormalUser, vo:vo1           | 403",
            "other_vo | all, vo:vo1                  | 403",
            "outsider | authenticated                | 401",
            "outsider | all                          | 200",
    })
    void decides(String caller, String rule, int status) {
        Decision decision = AuthorizationPolicy.decide(
                AuthorizationRule.parse("test", Arrays.asList(rule.split(","))), CALLERS.get(caller));
        assertEquals(status, decision.status(), decision.reason());
        assertEquals(status == 200, decision.allowed());
        assertFalse(decision.reason().isBlank());
    }

    @Test
    void theSameRuleGivesEachCallerItsOwnDecision() {
        AuthorizationRule rule = AuthorizationRule.parse("test", List.of("authenticated", "group:dirac_admin"));
        assertEquals(403, AuthorizationPolicy.decide(rule, CALLERS.get("alice")).status());
        assertEquals(200, AuthorizationPolicy.decide(rule, CALLERS.get("admin")).status());
        assertEquals(403, AuthorizationPolicy.decide(rule, CALLERS.get("alice")).status());
        assertEquals(List.of("authenticated", "group:dirac_admin"), rule.tokens());
    }

    @Test
    void rulesParseTokensOnce() {
        AuthorizationRule rule = AuthorizationRule.parse("x", " NormalUser , Group:g1,vo:v , ,ALL");
        assertTrue(rule.admitsAnyone());
        assertTrue(rule.restrictsGroups());
        assertEquals(java.util.Set.of("g1"), rule.groups());
        assertEquals(java.util.Set.of("v"), rule.vos());
        assertEquals(java.util.Set.of("normaluser", "all"), rule.properties());
    }
}
