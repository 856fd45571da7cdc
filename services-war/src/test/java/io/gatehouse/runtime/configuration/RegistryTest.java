package io.gatehouse.runtime.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    private static final String ALICE_DN = "/C=ch/O=DIRAC/OU=Users/CN=alice";
    private static final String BOB_DN = "/C=ch/O=DIRAC/OU=Users/CN=bob";
    private static final String BOB_SECOND_DN = "/C=fr/O=Other CA/CN=Bob Builder";
    private static final String HOST_DN = "/C=ch/O=DIRAC/OU=Hosts/CN=dirac-server.example.org";

    private final ConfigTree sample = CfgParser.parse(SampleConfig.DIRAC_WRITTEN);
    private final Registry registry = Registry.of(sample);

    private static Registry.User user(Registry registry, String name) {
        return registry.user(name).orElseThrow();
    }

    @Test
    void findsUserByDN() {
        Registry.User alice = registry.userByDN(ALICE_DN).orElseThrow();
        assertEquals("alice", alice.name());
        assertEquals(List.of(ALICE_DN), alice.dns());
        assertEquals(Optional.of("dirac_admin"), alice.defaultGroup());
        assertEquals(List.of(), alice.suspendedVOs());
    }

    @Test
    void findsUserByAnyOfTheirDNs() {
        assertEquals("bob", registry.userByDN(BOB_DN).orElseThrow().name());
        Registry.User bob = registry.userByDN(BOB_SECOND_DN).orElseThrow();
        assertEquals("bob", bob.name());
        assertEquals(List.of(BOB_DN, BOB_SECOND_DN), bob.dns());
    }

    @Test
    void unknownDNFindsNobody() {
        assertTrue(registry.userByDN("/C=ch/O=DIRAC/OU=Users/CN=mallory").isEmpty());
        assertTrue(registry.hostByDN("/C=ch/O=DIRAC/OU=Hosts/CN=elsewhere").isEmpty());
        assertTrue(registry.userByDN("").isEmpty());
    }

    @Test
    void dnsAreComparedExactly() {
        assertTrue(registry.userByDN(ALICE_DN.toUpperCase()).isEmpty());
        assertTrue(registry.userByDN(" " + ALICE_DN).isEmpty());
        assertTrue(registry.userByDN(BOB_DN + ", " + BOB_SECOND_DN).isEmpty());
        assertTrue(registry.userByDN("/C=ch/O=DIRAC/OU=Users").isEmpty());
    }

    @Test
    void firstUserInFileOrderWinsASharedDN() {
        Registry shared = Registry.of(sample.toBuilder().option("/Registry/Users/carol/DN", ALICE_DN).build());
        assertEquals("alice", shared.userByDN(ALICE_DN).orElseThrow().name());
    }

    @Test
    void findsHostByDN() {
        Registry.Host host = registry.hostByDN(HOST_DN).orElseThrow();
        assertEquals("dirac-server.example.org", host.name());
        assertEquals(List.of("TrustedHost", "CSAdministrator", "FullDelegation"), host.properties());
        assertTrue(registry.hostByDN(ALICE_DN).isEmpty(), "a user is no host");
        assertTrue(registry.userByDN(HOST_DN).isEmpty(), "a host is no user");
    }

    @Test
    void hostMayHaveSeveralDNs() {
        Registry hosts = Registry.of(sample.toBuilder()
                .option("/Registry/Hosts/dirac-server.example.org/DN", HOST_DN + ", /CN=new-cert").build());
        assertEquals("dirac-server.example.org", hosts.hostByDN("/CN=new-cert").orElseThrow().name());
        assertEquals("dirac-server.example.org", hosts.host("dirac-server.example.org").orElseThrow().name());
    }

    @Test
    void userGroupsAreThoseListingThemSortedByName() {
        assertEquals(List.of("dirac_admin", "dirac_user"), user(registry, "alice").groups());
        assertEquals(List.of("dirac_user", "vo2_pilot"), user(registry, "bob").groups());
        assertEquals(List.of("auditors", "vo2_pilot"), user(registry, "carol").groups());
        assertTrue(user(registry, "carol").isMemberOf("auditors"));
        assertFalse(user(registry, "carol").isMemberOf("dirac_user"));
    }

    @Test
    void readsGroups() {
        Registry.Group admin = registry.group("dirac_admin").orElseThrow();
        assertEquals(List.of("alice"), admin.users());
        assertEquals(List.of("AlarmsManagement", "ServiceAdministrator", "CSAdministrator"), admin.properties());
        assertEquals(Optional.of("dirac"), admin.vo());
        assertEquals(List.of("bob", "carol"), registry.group("vo2_pilot").orElseThrow().users());
        assertEquals(Optional.empty(), registry.group("auditors").orElseThrow().vo());
        assertTrue(registry.group("nope").isEmpty());
    }

    @Test
    void groupWithoutVOTakesTheInstallationVO() {
        Registry single = Registry.of(sample.toBuilder().option("/DIRAC/VirtualOrganization", "dirac").build());
        assertEquals(Optional.of("dirac"), single.group("auditors").orElseThrow().vo());
        assertEquals(Optional.of("vo2"), single.group("vo2_pilot").orElseThrow().vo());
    }

    @Test
    void readsRegistryDefaultGroup() {
        assertEquals(Optional.of("dirac_user"), registry.defaultGroup());
        assertEquals(Optional.empty(), Registry.of(ConfigTree.EMPTY).defaultGroup());
    }

    @Test
    void requestedGroupIsTaken() {
        Registry.User alice = user(registry, "alice");
        assertEquals(Optional.of("dirac_user"), registry.groupFor(alice, Optional.of("dirac_user")));
        assertEquals(Optional.of("vo2_pilot"), registry.groupFor(alice, Optional.of("vo2_pilot")),
                "taken as asked: membership is the caller's check");
        assertFalse(alice.isMemberOf("vo2_pilot"));
    }

    @Test
    void blankRequestedGroupCountsAsNone() {
        assertEquals(Optional.of("dirac_admin"), registry.groupFor(user(registry, "alice"), Optional.of("  ")));
    }

    @Test
    void withoutRequestTheUsersDefaultGroupComesFirst() {
        assertEquals(Optional.of("dirac_admin"), registry.groupFor(user(registry, "alice"), Optional.empty()));
    }

    @Test
    void usersDefaultGroupIsReadAsAList() {
        Registry listed = Registry.of(sample.toBuilder()
                .option("/Registry/Users/bob/DefaultGroup", "dirac_admin, vo2_pilot").build());
        assertEquals(Optional.of("vo2_pilot"), listed.groupFor(user(listed, "bob"), Optional.empty()));
    }

    @Test
    void thenTheRegistryDefaultGroup() {
        assertEquals(Optional.of("dirac_user"), registry.groupFor(user(registry, "bob"), Optional.empty()));
    }

    @Test
    void usersDefaultGroupTheyAreNotInFallsThrough() {
        Registry edited = Registry.of(sample.toBuilder()
                .option("/Registry/Users/bob/DefaultGroup", "dirac_admin").build());
        assertEquals(Optional.of("dirac_user"), edited.groupFor(user(edited, "bob"), Optional.empty()));
    }

    @Test
    void thenTheUsersFirstGroup() {
        // carol is not in dirac_user, the registry's default, nor in her own DefaultGroup.
        Registry edited = Registry.of(sample.toBuilder()
                .option("/Registry/Users/carol/DefaultGroup", "dirac_admin").build());
        assertEquals(Optional.of("auditors"), edited.groupFor(user(edited, "carol"), Optional.empty()));
        assertEquals(Optional.of("auditors"), registry.groupFor(user(registry, "carol"), Optional.empty()));
    }

    @Test
    void unsetRegistryDefaultGroupMeansUserAsInDirac() {
        String text = SampleConfig.DIRAC_WRITTEN.replace("DefaultGroup = dirac_user\n", "");
        ConfigTree tree = CfgParser.parse(text).toBuilder().option("/Registry/Groups/user/Users", "carol").build();
        Registry noDefault = Registry.of(tree);
        assertEquals(Optional.empty(), noDefault.defaultGroup());
        assertEquals(List.of("auditors", "user", "vo2_pilot"), user(noDefault, "carol").groups());
        assertEquals(Optional.of("user"), noDefault.groupFor(user(noDefault, "carol"), Optional.empty()));
    }

    @Test
    void emptyRegistryDefaultGroupMeansNone() {
        ConfigTree tree = sample.toBuilder().option("/Registry/DefaultGroup", "")
                .option("/Registry/Groups/user/Users", "carol").build();
        Registry emptyDefault = Registry.of(tree);
        assertEquals(Optional.empty(), emptyDefault.defaultGroup());
        assertEquals(Optional.of("auditors"), emptyDefault.groupFor(user(emptyDefault, "carol"), Optional.empty()));
    }

    @Test
    void userInNoGroupGetsNone() {
        Registry withDave = Registry.of(sample.toBuilder()
                .option("/Registry/Users/dave/DN", "/CN=dave")
                .option("/Registry/Users/dave/DefaultGroup", "dirac_user").build());
        Registry.User dave = withDave.userByDN("/CN=dave").orElseThrow();
        assertEquals(List.of(), dave.groups());
        assertEquals(Optional.empty(), withDave.groupFor(dave, Optional.empty()));
    }

    @Test
    void suspendedForTheListedVOOnly() {
        Registry.User bob = user(registry, "bob");
        assertEquals(List.of("vo2"), bob.suspendedVOs());
        assertTrue(registry.isSuspended(bob, Optional.of("vo2")));
        assertFalse(registry.isSuspended(bob, Optional.of("dirac")));
        assertFalse(registry.isSuspended(bob, Optional.of("VO2")));
    }

    @Test
    void withoutVOSuspendedAnywhereCounts() {
        assertTrue(registry.isSuspended(user(registry, "bob"), Optional.empty()));
        assertTrue(registry.isSuspended(user(registry, "bob"), Optional.of(" ")));
        assertFalse(registry.isSuspended(user(registry, "alice"), Optional.empty()));
    }

    @Test
    void noneAndEmptySuspendedSuspendNobody() {
        Registry edited = Registry.of(sample.toBuilder()
                .option("/Registry/Users/bob/Suspended", "None")
                .option("/Registry/Users/carol/Suspended", "").build());
        for (String name : List.of("bob", "carol")) {
            Registry.User user = user(edited, name);
            assertEquals(List.of(), user.suspendedVOs());
            assertFalse(edited.isSuspended(user, Optional.empty()));
            assertFalse(edited.isSuspended(user, Optional.of("vo2")));
        }
    }

    @Test
    void suspendedMayListSeveralVOs() {
        Registry edited = Registry.of(sample.toBuilder().option("/Registry/Users/bob/Suspended", "vo2, dirac").build());
        Registry.User bob = user(edited, "bob");
        assertTrue(edited.isSuspended(bob, Optional.of("dirac")));
        assertTrue(edited.isSuspended(bob, Optional.of("vo2")));
    }

    @Test
    void emptyRegistryHasNobody() {
        Registry empty = Registry.of(ConfigTree.EMPTY);
        assertTrue(empty.userByDN(ALICE_DN).isEmpty());
        assertTrue(empty.group("dirac_user").isEmpty());
    }

    @Test
    void indexIsKeptWhileTheTreeIsTheSameObject() {
        AtomicReference<ConfigTree> current = new AtomicReference<>(sample);
        Registry following = new Registry(current::get);
        Registry.User first = following.userByDN(ALICE_DN).orElseThrow();
        assertSame(first, following.userByDN(ALICE_DN).orElseThrow());

        current.set(CfgParser.parse(SampleConfig.DIRAC_WRITTEN));
        Registry.User rebuilt = following.userByDN(ALICE_DN).orElseThrow();
        assertNotSame(first, rebuilt);
        assertEquals(first, rebuilt);
    }

    @Test
    void seesEditsOfTheFile(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("dirac.cfg");
        Files.writeString(path, SampleConfig.DIRAC_WRITTEN);
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Registry live = new Registry(new Configuration(new ConfigFile(path, Duration.ZERO)));
        assertTrue(live.userByDN("/CN=dave").isEmpty());

        Files.writeString(path, SampleConfig.DIRAC_WRITTEN.replace("    carol\n",
                "    dave\n    {\n      DN = /CN=dave\n    }\n    carol\n"));
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2024-01-01T00:01:00Z")));
        assertEquals("dave", live.userByDN("/CN=dave").orElseThrow().name());
    }

    @Test
    void seesOverrides() {
        Registry overridden = new Registry(new Configuration(() -> sample,
                key -> key.equals("/Registry/Users/carol/DN") ? Optional.of("/CN=carol-new") : Optional.empty(),
                java.util.Set::of, Duration.ZERO));
        assertEquals("carol", overridden.userByDN("/CN=carol-new").orElseThrow().name());
        assertTrue(overridden.userByDN("/C=ch/O=DIRAC/OU=Users/CN=carol").isEmpty());
    }
}
