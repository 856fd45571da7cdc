package io.gatehouse.runtime.identity;

import io.gatehouse.runtime.configuration.CfgParser;
import io.gatehouse.runtime.configuration.Registry;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerResolverTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Registry REGISTRY = Registry.of(CfgParser.parse("""
            Registry
            {
              DefaultGroup = users
              Users
              {
                alice
                {
                  DN = /O=Test/CN=alice
                }
                bob
                {
                  DN = /O=Test/CN=bob
                  DefaultGroup = admins
                }
                carol
                {
                  DN = /O=Test/CN=carol
                  Suspended = vo1
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
                }
              }
              Hosts
              {
                box.example.org
                {
                  DN = /O=Test/CN=box.example.org
                  Properties = TrustedHost
                }
              }
            }
            """));

    private final CallerResolver resolver = new CallerResolver(REGISTRY, Clock.fixed(NOW, ZoneOffset.UTC));

    private static PresentedChain chain(String dn, Optional<String> group) {
        return new PresentedChain(dn, "/O=Test/CN=CA", dn, false, false, NOW.plusSeconds(3600), group);
    }

    @Test
    void aRegisteredUserGetsTheRegistryDefaultGroup() {
        CallerCredentials alice = resolver.asUser(chain("/O=Test/CN=alice", Optional.empty()));
        assertEquals("alice", alice.username());
        assertEquals("users", alice.group());
        assertEquals(Optional.of("vo1"), alice.vo());
        assertEquals(List.of("NormalUser"), alice.properties());
        assertTrue(alice.validDN());
        assertTrue(alice.validGroup());
        assertEquals(3600, alice.secondsLeft());
        assertEquals(Optional.empty(), alice.identity());
    }

    @Test
    void theUsersDefaultGroupAndTheChainsGroupWin() {
        assertEquals("admins", resolver.asUser(chain("/O=Test/CN=bob", Optional.empty())).group());
        CallerCredentials asUser = resolver.asUser(chain("/O=Test/CN=bob", Optional.of("users")));
        assertEquals("users", asUser.group());
        assertEquals(List.of("NormalUser"), asUser.properties());
    }

    @Test
    void aGroupTheUserIsNotInIsNotValid() {
        CallerCredentials alice = resolver.asUser(chain("/O=Test/CN=alice", Optional.of("admins")));
        assertEquals("admins", alice.group());
        assertTrue(alice.validDN());
        assertFalse(alice.validGroup());
        assertEquals(List.of(), alice.properties());
    }

    @Test
    void unknownAndSuspendedUsersAreVisitors() {
        for (String dn : new String[] {"/O=Test/CN=nobody", "/O=Test/CN=carol", "/O=Test/CN=box.example.org"}) {
            CallerCredentials caller = resolver.asUser(chain(dn, Optional.empty()));
            assertEquals("anonymous", caller.username(), dn);
            assertEquals("visitor", caller.group(), dn);
            assertFalse(caller.validDN(), dn);
            assertEquals(dn, caller.dn());
            assertEquals(List.of(), caller.properties());
        }
    }

    @Test
    void hostsResolveOnlyAsHosts() {
        CallerCredentials host = resolver.asHost(chain("/O=Test/CN=box.example.org", Optional.empty()));
        assertEquals("box.example.org", host.username());
        assertEquals("hosts", host.group());
        assertEquals(List.of("TrustedHost"), host.properties());
        assertTrue(host.validDN());
        assertFalse(resolver.asHost(chain("/O=Test/CN=alice", Optional.empty())).validDN());
    }
}
