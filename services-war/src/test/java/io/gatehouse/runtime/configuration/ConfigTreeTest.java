package io.gatehouse.runtime.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigTreeTest {

    private final ConfigTree tree = CfgParser.parse(SampleConfig.DIRAC_WRITTEN);

    @Test
    void toleratesTrailingAndRepeatedSlashes() {
        Optional<String> dn = Optional.of("/C=ch/O=DIRAC/OU=Users/CN=alice");
        assertEquals(dn, tree.option("/Registry/Users/alice/DN"));
        assertEquals(dn, tree.option("/Registry/Users/alice/DN/"));
        assertEquals(dn, tree.option("//Registry///Users/alice//DN"));
        assertEquals(dn, tree.option("Registry/Users/alice/DN"));
        assertEquals(List.of("alice", "bob", "carol"), tree.sections("/Registry/Users/"));
        assertEquals(List.of("alice", "bob", "carol"), tree.sections("//Registry//Users"));
    }

    @Test
    void trimsPathPartsAsDiracDoes() {
        assertEquals(Optional.of("dirac_user"), tree.option("/ Registry / DefaultGroup "));
    }

    @Test
    void pathsAreCaseSensitive() {
        assertTrue(tree.option("/registry/DefaultGroup").isEmpty());
        assertFalse(tree.isSection("/Registry/users"));
    }

    @Test
    void rootIsASection() {
        assertTrue(tree.isSection("/"));
        assertTrue(tree.isSection(""));
        assertTrue(tree.isSection("///"));
        assertEquals(List.of("DIRAC", "Registry", "Systems"), tree.sections("/"));
        assertTrue(tree.option("/").isEmpty());
        assertTrue(ConfigTree.EMPTY.isSection("/"));
    }

    @Test
    void sectionIsNoOptionAndOptionIsNoSection() {
        assertTrue(tree.option("/Registry/Users").isEmpty());
        assertFalse(tree.isSection("/Registry/DefaultGroup"));
        assertTrue(tree.isOption("/Registry/DefaultGroup"));
        assertEquals(List.of(), tree.sections("/Registry/DefaultGroup"));
        assertEquals(List.of(), tree.options("/Registry/DefaultGroup"));
        assertTrue(tree.option("/Registry/DefaultGroup/deeper").isEmpty());
    }

    @Test
    void missingPathsAreEmpty() {
        assertTrue(tree.option("/Nope/x").isEmpty());
        assertFalse(tree.isSection("/Nope"));
        assertEquals(List.of(), tree.sections("/Nope"));
        assertEquals(List.of(), tree.options("/Nope"));
        assertEquals(List.of(), tree.list("/Nope/x"));
    }

    @Test
    void normalizesPaths() {
        assertEquals("/Registry/Users", ConfigTree.normalize("Registry//Users/"));
        assertEquals("/", ConfigTree.normalize(""));
        assertEquals("/", ConfigTree.normalize("//"));
    }

    @Test
    void listingsCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> tree.sections("/").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> tree.list("/Registry/Users/bob/DN").clear());
    }

    @Test
    void visitsEveryOptionWithItsPathInOrder() {
        Map<String, String> seen = new LinkedHashMap<>();
        CfgParser.parse("a = 1\nS {\n  b = 2\n  T {\n    c = 3\n  }\n}\nd = 4\n").forEachOption(seen::put);
        assertEquals(List.of("/a", "/S/b", "/S/T/c", "/d"), List.copyOf(seen.keySet()));
        assertEquals("3", seen.get("/S/T/c"));
    }

    @Test
    void builderCreatesSectionsAndRefusesClashes() {
        ConfigTree built = ConfigTree.builder()
                .option("/Registry/Users/dave/DN", "/CN=dave")
                .section("/Registry/Groups")
                .option("/Registry/DefaultGroup", "g")
                .build();
        assertEquals(Optional.of("/CN=dave"), built.option("/Registry/Users/dave/DN"));
        assertEquals(List.of("Users", "Groups"), built.sections("/Registry"));
        ConfigTree.Builder builder = ConfigTree.builder().option("/a", "1");
        assertThrows(IllegalArgumentException.class, () -> builder.option("/a/b", "2"));
        assertThrows(IllegalArgumentException.class, () -> builder.section("/a"));
        assertThrows(IllegalArgumentException.class, () -> builder.section("/S").option("/S", "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.option("/", "x"));
    }

    @Test
    void builderLeavesTheOriginalTreeAlone() {
        ConfigTree changed = tree.toBuilder().option("/Registry/DefaultGroup", "other").build();
        assertEquals(Optional.of("dirac_user"), tree.option("/Registry/DefaultGroup"));
        assertEquals(Optional.of("other"), changed.option("/Registry/DefaultGroup"));
        assertNotEquals(tree, changed);
    }

    @Test
    void equalityDependsOnContentAndOrder() {
        assertEquals(CfgParser.parse("a = 1\nb = 2\n"), CfgParser.parse("a = 1\nb = 2\n"));
        assertEquals(CfgParser.parse("a = 1\nb = 2\n").hashCode(), CfgParser.parse("a = 1\nb = 2\n").hashCode());
        assertNotEquals(CfgParser.parse("a = 1\nb = 2\n"), CfgParser.parse("b = 2\na = 1\n"));
        assertNotEquals(CfgParser.parse("a = 1\n"), CfgParser.parse("a = 2\n"));
        assertNotEquals(CfgParser.parse("a = 1\n"), CfgParser.parse("a {\n}\n"));
    }
}
