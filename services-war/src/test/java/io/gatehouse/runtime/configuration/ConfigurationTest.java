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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    private final ConfigTree file = CfgParser.parse(SampleConfig.DIRAC_WRITTEN);
    /** Stands in for MicroProfile Config: property name to value. */
    private final Map<String, String> properties = new ConcurrentHashMap<>();

    private Configuration configuration(Duration refresh) {
        return new Configuration(() -> file, key -> Optional.ofNullable(properties.get(key)),
                properties::keySet, refresh);
    }

    @Test
    void withoutOverridesReadsTheFile() {
        Configuration configuration = Configuration.of(file);
        assertEquals(Optional.of("dirac_user"), configuration.option("/Registry/DefaultGroup"));
        assertEquals(List.of("alice", "bob", "carol"), configuration.sections("/Registry/Users"));
        assertEquals(List.of("DN", "Email", "DefaultGroup"), configuration.options("/Registry/Users/alice"));
        assertEquals(List.of("NormalUser", "ServiceAdministrator"),
                configuration.list("/Systems/Framework/Services/Hello/Authorization/sayGoodbye"));
        assertTrue(configuration.isSection("/Systems/Framework/Services/Hello"));
        assertSame(file, configuration.snapshot());
    }

    @Test
    void overrideWinsOverTheFile() {
        properties.put("/Registry/DefaultGroup", "dirac_admin");
        Configuration configuration = configuration(Duration.ZERO);
        assertEquals(Optional.of("dirac_admin"), configuration.option("/Registry/DefaultGroup"));
        assertEquals(Optional.of("dirac_admin"), configuration.option("Registry//DefaultGroup/"));
        assertEquals(Optional.of("dirac_admin"), configuration.snapshot().option("/Registry/DefaultGroup"));
        assertEquals(List.of("DefaultGroup"), configuration.options("/Registry"), "no second entry");
    }

    @Test
    void overrideIsLookedUpWithTheCanonicalPath() {
        properties.put("/Systems/Framework/Services/Hello/Authorization/Default", "NormalUser");
        Configuration configuration = configuration(Duration.ofHours(1));
        assertEquals(Optional.of("NormalUser"),
                configuration.option("Systems/Framework//Services/Hello/Authorization/Default/"));
    }

    @Test
    void overrideAddsOptionsToAListing() {
        properties.put("/Registry/Users/alice/Suspended", "vo2");
        Configuration configuration = configuration(Duration.ZERO);
        assertEquals(List.of("DN", "Email", "DefaultGroup", "Suspended"),
                configuration.options("/Registry/Users/alice"));
        assertEquals(Optional.of("vo2"), configuration.option("/Registry/Users/alice/Suspended"));
    }

    @Test
    void overrideAddsSectionsThatTheFileLacks() {
        properties.put("/Registry/Users/dave/DN", "/C=ch/O=DIRAC/CN=dave");
        properties.put("/Registry/Users/dave/Email", "dave@example.org");
        properties.put("/Systems/WorkloadManagement/Services/JobManager/Authorization/Default", "all");
        Configuration configuration = configuration(Duration.ZERO);
        assertEquals(List.of("alice", "bob", "carol", "dave"), configuration.sections("/Registry/Users"));
        assertEquals(List.of("DN", "Email"), configuration.options("/Registry/Users/dave"));
        assertTrue(configuration.isSection("/Registry/Users/dave"));
        assertEquals(List.of("Framework", "WorkloadManagement"), configuration.sections("/Systems"));
        assertTrue(configuration.isSection("/Systems/WorkloadManagement/Services/JobManager"));
        assertEquals(Optional.of("all"),
                configuration.option("/Systems/WorkloadManagement/Services/JobManager/Authorization/Default"));
    }

    @Test
    void keysThatAreNotPathsAreIgnored() {
        properties.put("java.version", "17");
        properties.put("mp.config.profile", "test");
        Configuration configuration = configuration(Duration.ZERO);
        assertEquals(List.of("DIRAC", "Registry", "Systems"), configuration.sections("/"));
        assertEquals(file, configuration.snapshot());
    }

    @Test
    void listedKeyMayBeSpelledLoosely() {
        properties.put("/Registry/Users/erin/DN/", "/CN=erin");
        Configuration configuration = configuration(Duration.ZERO);
        assertEquals(Optional.of("/CN=erin"), configuration.snapshot().option("/Registry/Users/erin/DN"));
        assertEquals(Optional.of("/CN=erin"), configuration.option("/Registry/Users/erin/DN"));
    }

    @Test
    void unlistedOverrideIsStillSeenByOption() {
        // As an environment variable mapped by MicroProfile Config: found by name, absent from the listed names.
        Configuration configuration = new Configuration(() -> file,
                key -> key.equals("/Registry/Users/frank/DN") ? Optional.of("/CN=frank") : Optional.empty(),
                java.util.Set::of, Duration.ZERO);
        assertEquals(Optional.of("/CN=frank"), configuration.option("/Registry/Users/frank/DN"));
        assertFalse(configuration.isSection("/Registry/Users/frank"));
    }

    @Test
    void overrideCannotReplaceASectionOrPassThroughAnOption() {
        properties.put("/Registry/Users", "nobody");
        properties.put("/Registry/DefaultGroup/deeper", "x");
        Configuration configuration = configuration(Duration.ZERO);
        assertTrue(configuration.option("/Registry/Users").isEmpty());
        assertEquals(List.of("alice", "bob", "carol"), configuration.sections("/Registry/Users"));
        assertTrue(configuration.option("/Registry/DefaultGroup/deeper").isEmpty());
        assertEquals(Optional.of("dirac_user"), configuration.option("/Registry/DefaultGroup"));
    }

    @Test
    void optionSeesAChangedOverrideAtOnce() {
        Configuration configuration = configuration(Duration.ofHours(1));
        assertEquals(Optional.of("dirac_user"), configuration.option("/Registry/DefaultGroup"));
        properties.put("/Registry/DefaultGroup", "dirac_admin");
        assertEquals(Optional.of("dirac_admin"), configuration.option("/Registry/DefaultGroup"));
    }

    @Test
    void snapshotIsTheSameObjectUntilSomethingChanges() {
        properties.put("/Registry/DefaultGroup", "dirac_admin");
        Configuration configuration = configuration(Duration.ZERO);
        ConfigTree first = configuration.snapshot();
        assertSame(first, configuration.snapshot());
        properties.put("/Registry/DefaultGroup", "auditors");
        ConfigTree second = configuration.snapshot();
        assertNotSame(first, second);
        assertEquals(Optional.of("auditors"), second.option("/Registry/DefaultGroup"));
        assertSame(second, configuration.snapshot());
    }

    @Test
    void snapshotReevaluatesOverridesAtMostOncePerInterval() {
        Configuration configuration = configuration(Duration.ofHours(1));
        ConfigTree first = configuration.snapshot();
        properties.put("/Registry/Users/dave/DN", "/CN=dave");
        assertSame(first, configuration.snapshot());
        assertEquals(List.of("alice", "bob", "carol"), configuration.sections("/Registry/Users"));
    }

    @Test
    void followsTheFileThroughConfigFile(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("dirac.cfg");
        Files.writeString(path, "Registry\n{\n  DefaultGroup = one\n}\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        properties.put("/Registry/Extra", "x");
        Configuration configuration = new Configuration(new ConfigFile(path, Duration.ZERO),
                key -> Optional.ofNullable(properties.get(key)), properties::keySet, Duration.ofHours(1));
        assertEquals(Optional.of("one"), configuration.option("/Registry/DefaultGroup"));

        Files.writeString(path, "Registry\n{\n  DefaultGroup = two\n  Other = y\n}\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2024-01-01T00:01:00Z")));
        assertEquals(Optional.of("two"), configuration.option("/Registry/DefaultGroup"));
        assertEquals(List.of("DefaultGroup", "Other", "Extra"), configuration.options("/Registry"),
                "a changed file is merged at once, whatever the refresh interval");
    }
}
