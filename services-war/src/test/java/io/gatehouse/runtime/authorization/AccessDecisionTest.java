package io.gatehouse.runtime.authorization;

import io.gatehouse.runtime.configuration.CfgParser;
import io.gatehouse.runtime.configuration.Registry;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.CallerResolver;
import io.gatehouse.runtime.identity.PresentedChain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DIRAC's AuthManager decisions end to end in process: callers resolved from a chain, extraCredentials and a
 * registry, then checked against a rule, as the dispatcher and the interceptor do on every call.
 */
class AccessDecisionTest {

    private static final Registry REGISTRY = Registry.of(CfgParser.parse("""
            Registry
            {
              DefaultGroup = users
              Users
              {
                alice
                {
                  DN = /O=Grid/CN=alice
                }
                bob
                {
                  DN = /O=Grid/CN=bob
                  DefaultGroup = admins
                }
                carol
                {
                  DN = /O=Grid/CN=carol
                  Suspended = vo1
                }
                dave
                {
                  DN = /O=Grid/CN=dave
                  DefaultGroup = lhcb_user
                }
              }
              Groups
              {
                users
                {
                  Users = alice, bob, carol
                  Properties = NormalUser
                  VO = vo1
                }
                admins
                {
                  Users = bob
                  Properties = NormalUser, ServiceAdministrator
                  VO = vo1
                }
                lhcb_user
                {
                  Users = dave
                  Properties = NormalUser, ProductionManagement
                  VO = lhcb
                }
              }
              Hosts
              {
                trusted.example.org
                {
                  DN = /O=Grid/CN=trusted.example.org
                  Properties = TrustedHost, ServiceAdministrator
                }
                plain.example.org
                {
                  DN = /O=Grid/CN=plain.example.org
                  Properties = FileCatalogManagement
                }
              }
            }
            """));

    private static final CallerResolver RESOLVER = new CallerResolver(REGISTRY);

    private static PresentedChain chain(String cn, String group) {
        String dn = "/O=Grid/CN=" + cn;
        return new PresentedChain(dn, "/O=Grid/CN=CA", dn, false, false, Instant.now().plusSeconds(3600),
                Optional.ofNullable(group));
    }

    private static CallerCredentials delegate(String host, String user, String group) {
        String dn = "/O=Grid/CN=" + user;
        return RESOLVER.asDelegate(chain(host, null), dn, group, List.of(dn, group));
    }

    private static CallerCredentials caller(String name) {
        Supplier<CallerCredentials> caller = switch (name) {
            case "visitor" -> CallerCredentials::noCertificate;
            case "visitor-delegating" -> () -> CallerCredentials.noCertificate()
                    .withExtraCredentials(List.of("/O=Grid/CN=alice", "users"));
            case "alice", "bob", "carol", "dave", "unknown" -> () -> RESOLVER.asUser(chain(name, null));
            case "alice-as-admins" -> () -> RESOLVER.asUser(chain("alice", "admins"));
            case "bob-as-users" -> () -> RESOLVER.asUser(chain("bob", "users"));
            case "host-without-hosts" -> () -> RESOLVER.asUser(chain("trusted.example.org", null));
            case "trusted-host" -> () -> RESOLVER.asHost(chain("trusted.example.org", null));
            case "plain-host" -> () -> RESOLVER.asHost(chain("plain.example.org", null));
            case "trusted-for-bob-admins" -> () -> delegate("trusted.example.org", "bob", "admins");
            case "trusted-for-alice-admins" -> () -> delegate("trusted.example.org", "alice", "admins");
            case "trusted-for-alice-users" -> () -> delegate("trusted.example.org", "alice", "users");
            case "trusted-for-unknown" -> () -> delegate("trusted.example.org", "nobody", "users");
            case "plain-host-for-bob" -> () -> delegate("plain.example.org", "bob", "admins");
            case "alice-for-bob" -> () -> delegate("alice", "bob", "admins");
            default -> throw new IllegalArgumentException(name);
        };
        return caller.get();
    }

    @ParameterizedTest(name = "{0} on [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            // visitors
            "visitor                  | all                               | 200",
            "visitor                  | any                               | 200",
            "visitor                  | authenticated                     | 401",
            "visitor                  | NormalUser                        | 401",
            "visitor                  | all, group:users                  | 401",
            // users, properties, case
            "alice                    | authenticated                     | 200",
            "alice                    | NormalUser                        | 200",
            "alice                    | NORMALUSER                        | 200",
            "alice                    | ServiceAdministrator              | 403",
            "bob                      | serviceadministrator              | 200",
            "bob-as-users             | ServiceAdministrator              | 403",
            "bob-as-users             | NormalUser                        | 200",
            // group and VO restrictions
            "alice                    | authenticated, group:admins       | 403",
            "bob                      | authenticated, group:admins       | 200",
            "alice                    | NormalUser, vo:vo1                | 200",
            "dave                     | NormalUser, vo:vo1                | 403",
            "dave                     | ProductionManagement, vo:lhcb     | 200",
            // a group the user is not in, suspension, unknown DNs
            "alice-as-admins          | authenticated                     | 401",
            "alice-as-admins          | all                               | 200",
            "carol                    | NormalUser                        | 401",
            "carol                    | all                               | 200",
            "unknown                  | authenticated                     | 401",
            "unknown                  | any                               | 200",
            // hosts
            "host-without-hosts       | authenticated                     | 401",
            "host-without-hosts       | TrustedHost                       | 401",
            "trusted-host             | authenticated                     | 200",
            "trusted-host             | TrustedHost                       | 200",
            "plain-host               | TrustedHost                       | 403",
            "plain-host               | FileCatalogManagement             | 200",
            // delegation: the check runs as the user and group the trusted host names
            "trusted-for-bob-admins   | ServiceAdministrator              | 200",
            "trusted-for-bob-admins   | authenticated, group:admins       | 200",
            "trusted-for-alice-users  | NormalUser                        | 200",
            "trusted-for-alice-users  | ServiceAdministrator              | 403",
            "trusted-for-alice-admins | NormalUser                        | 401",
            "trusted-for-unknown      | authenticated                     | 401",
            "trusted-for-unknown      | all                               | 200",
            // delegation from anyone else is denied, whatever the rule
            "plain-host-for-bob       | all                               | 403",
            "plain-host-for-bob       | ServiceAdministrator              | 403",
            "alice-for-bob            | all                               | 403",
            "alice-for-bob            | NormalUser                        | 403",
            "visitor-delegating       | all                               | 401",
    })
    void decides(String callerName, String rule, int status) {
        CallerCredentials caller = caller(callerName);
        Decision decision = AuthorizationPolicy.decide(
                AuthorizationRule.parse("test", Arrays.asList(rule.split(","))), caller);
        assertEquals(status, decision.status(), callerName + ": " + decision.reason());
    }

    @Test
    void aTrustedHostActsAsTheUserItNames() {
        CallerCredentials bob = caller("trusted-for-bob-admins");
        assertEquals("/O=Grid/CN=bob", bob.dn());
        assertEquals("bob", bob.username());
        assertEquals("admins", bob.group());
        assertEquals(List.of("NormalUser", "ServiceAdministrator"), bob.properties());
        assertEquals(Optional.empty(), bob.extraCredentials());
        assertEquals("/O=Grid/CN=trusted.example.org", bob.subject());
    }

    @Test
    void oneRuleServesManyCallersUnchanged() {
        AuthorizationRule rule = AuthorizationRule.parse("test", List.of("NormalUser", "group:admins"));
        for (int round = 0; round < 2; round++) {
            assertEquals(403, AuthorizationPolicy.decide(rule, caller("alice")).status());
            assertEquals(200, AuthorizationPolicy.decide(rule, caller("bob")).status());
            assertEquals(401, AuthorizationPolicy.decide(rule, caller("visitor")).status());
        }
        assertEquals(List.of("NormalUser", "group:admins"), rule.tokens());
    }

    @Test
    void theAuditLineOfADeniedCallNamesCallerMethodAndRule() {
        Logger audit = Logger.getLogger(Audit.LOGGER);
        List<LogRecord> records = new java.util.ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        audit.addHandler(capture);
        try {
            AuthorizationRule rule = AuthorizationRule.parse("/Systems/Test/Services/X/Authorization/admin",
                    List.of("ServiceAdministrator"));
            CallerCredentials alice = caller("alice");
            Audit.record("Test/X", "admin", alice, rule, AuthorizationPolicy.decide(rule, alice));
            assertEquals(1, records.size());
            LogRecord record = records.get(0);
            assertEquals(Level.WARNING, record.getLevel());
            String line = new java.util.logging.SimpleFormatter().formatMessage(record);
            for (String part : new String[] {"DENIED 403", "Test/X.admin", "/O=Grid/CN=alice", "group users",
                    "ServiceAdministrator", "/Systems/Test/Services/X/Authorization/admin", "holds none of"}) {
                assertTrue(line.contains(part), part + " missing from: " + line);
            }
        } finally {
            audit.removeHandler(capture);
        }
    }
}
