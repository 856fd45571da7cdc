package io.gatehouse.runtime.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CfgParserTest {

    private static ConfigException failure(String text) {
        return assertThrows(ConfigException.class, () -> CfgParser.parse(text));
    }

    @Test
    void readsNestedSectionsWithBracesOnTheSameOrTheNextLine() {
        ConfigTree tree = CfgParser.parse("""
                Outer {
                  Inner
                  {
                    Deep {
                      key = value
                    }
                  }
                  Sibling { }
                }
                """);
        assertEquals(Optional.of("value"), tree.option("/Outer/Inner/Deep/key"));
        assertEquals(List.of("Inner", "Sibling"), tree.sections("/Outer"));
        assertTrue(tree.isSection("/Outer/Sibling"));
        assertEquals(List.of(), tree.options("/Outer/Sibling"));
    }

    @Test
    void keepsFileOrderOfSectionsAndOptions() {
        ConfigTree tree = CfgParser.parse("""
                S
                {
                  zeta = 1
                  Beta { }
                  alpha = 2
                  Alpha { }
                  mid = 3
                }
                """);
        assertEquals(List.of("zeta", "alpha", "mid"), tree.options("/S"));
        assertEquals(List.of("Beta", "Alpha"), tree.sections("/S"));
    }

    @Test
    void readsDiracWrittenFile() {
        ConfigTree tree = CfgParser.parse(SampleConfig.DIRAC_WRITTEN);
        assertEquals(List.of("DIRAC", "Registry", "Systems"), tree.sections("/"));
        assertEquals(Optional.of("dirac_user"), tree.option("/Registry/DefaultGroup"));
        assertEquals(List.of("alice", "bob", "carol"), tree.sections("/Registry/Users"));
        assertEquals(List.of("DN", "Email", "Suspended"), tree.options("/Registry/Users/bob"));
        assertEquals(Optional.of("/C=ch/O=DIRAC/OU=Users/CN=bob, /C=fr/O=Other CA/CN=Bob Builder"),
                tree.option("/Registry/Users/bob/DN"));
        assertEquals(List.of("AlarmsManagement", "ServiceAdministrator", "CSAdministrator"),
                tree.list("/Registry/Groups/dirac_admin/Properties"));
        assertEquals(Optional.of("/vo2/Role=pilot"), tree.option("/Registry/Groups/vo2_pilot/VOMSRole"));
        assertEquals(Optional.of("authenticated"),
                tree.option("/Systems/Framework/Services/Hello/Authorization/Default"));
        assertEquals(List.of("NormalUser", "ServiceAdministrator"),
                tree.list("/Systems/Framework/Services/Hello/Authorization/sayGoodbye"));
    }

    @Test
    void whatItWritesReadsBackTheSame() {
        ConfigTree tree = CfgParser.parse(SampleConfig.DIRAC_WRITTEN);
        assertEquals(tree, CfgParser.parse(tree.toString()));
    }

    @Test
    void skipsWholeLineCommentsIndentedOrNot() {
        ConfigTree tree = CfgParser.parse("""
                # top comment
                S
                {
                    #indented comment
                  \t# tab-indented comment
                  a = 1
                  #b = 2
                }
                """);
        assertEquals(List.of("a"), tree.options("/S"));
    }

    @Test
    void hashAfterAValueIsPartOfTheValueAsInDirac() {
        ConfigTree tree = CfgParser.parse("Port = 9135 # the port\nColour = #ff0000\n");
        assertEquals(Optional.of("9135 # the port"), tree.option("/Port"));
        assertEquals(Optional.of("#ff0000"), tree.option("/Colour"));
    }

    @Test
    void appendAddsCommaAndSpaceToTheValue() {
        ConfigTree tree = CfgParser.parse("""
                Users = alice
                Users += bob
                Users+=carol
                Users +=
                """);
        assertEquals(Optional.of("alice, bob, carol, "), tree.option("/Users"));
        assertEquals(List.of("alice", "bob", "carol"), tree.list("/Users"));
    }

    @Test
    void listsAreSplitOnCommasTrimmedAndEmptyItemsDropped() {
        ConfigTree tree = CfgParser.parse("L = a ,b,, c ,\nEmpty =\nOne = x\n");
        assertEquals(List.of("a", "b", "c"), tree.list("/L"));
        assertEquals(Optional.of(""), tree.option("/Empty"));
        assertEquals(List.of(), tree.list("/Empty"));
        assertEquals(List.of("x"), tree.list("/One"));
        assertEquals(List.of(), tree.list("/Missing"));
    }

    @Test
    void valueRunsToTheEndOfTheLineWithEqualsBracesAndQuotesKept() {
        ConfigTree tree = CfgParser.parse("""
                DN = /C=ch/O=DIRAC/CN=host.example.org
                Match = {x} = y
                Quoted = "a, b"
                Sum = a+=b
                """);
        assertEquals(Optional.of("/C=ch/O=DIRAC/CN=host.example.org"), tree.option("/DN"));
        assertEquals(Optional.of("{x} = y"), tree.option("/Match"));
        assertEquals(Optional.of("\"a, b\""), tree.option("/Quoted"));
        assertEquals(List.of("\"a", "b\""), tree.list("/Quoted"));
        assertEquals(Optional.of("a+=b"), tree.option("/Sum"));
    }

    @Test
    void redefinedOptionTakesTheLastValueAndKeepsItsPlace() {
        ConfigTree tree = CfgParser.parse("a = 1\nb = 2\na = 3\n");
        assertEquals(Optional.of("3"), tree.option("/a"));
        assertEquals(List.of("a", "b"), tree.options("/"));
    }

    @Test
    void redefinedSectionIsRefusedAsInDirac() {
        ConfigException e = failure("""
                S
                {
                  a = 1
                }
                S
                {
                  b = 2
                }
                """);
        assertEquals(5, e.lineNumber());
        assertEquals("S", e.line());
    }

    @Test
    void nameCannotBeBothOptionAndSection() {
        assertEquals(2, failure("S = 1\nS {\n}\n").lineNumber());
        assertEquals(3, failure("S {\n}\nS = 1\n").lineNumber());
    }

    @Test
    void appendWithoutEarlierValueIsRefused() {
        ConfigException e = failure("S\n{\n  Users += bob\n}\n");
        assertEquals(3, e.lineNumber());
        assertEquals("  Users += bob", e.line());
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Users += bob"), e.getMessage());
    }

    @Test
    void appendDoesNotReachIntoAnotherSection() {
        assertEquals(4, failure("Users = a\nS\n{\nUsers += b\n}\n").lineNumber());
    }

    @Test
    void extraClosingBraceNamesItsLine() {
        ConfigException e = failure("S\n{\n}\n}\n");
        assertEquals(4, e.lineNumber());
        assertTrue(e.getMessage().contains("closes no section"), e.getMessage());
    }

    @Test
    void unclosedSectionNamesTheLineThatOpenedIt() {
        ConfigException e = failure("A\n{\n}\nB\n{\n  x = 1\n");
        assertEquals(4, e.lineNumber());
        assertEquals("B", e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        // The one '}' closes the inner section, so the outer one is left open.
        ConfigException outer = failure("A\n{\n  B\n  {\n    x = 1\n  }\n");
        assertEquals(1, outer.lineNumber());
        assertEquals("A", outer.line());
    }

    @Test
    void lineThatIsNeitherIsRefused() {
        ConfigException e = failure("S\n{\n  just words\n  a = 1\n}\n");
        assertEquals(3, e.lineNumber());
        assertEquals("  just words", e.line());
        assertEquals(1, failure("stray\n").lineNumber());
        assertEquals(1, failure("one\ntwo\n{\n}\n").lineNumber());
    }

    @Test
    void valuesDoNotContinueOnTheNextLine() {
        assertEquals(2, failure("Users = alice,\n   bob\n").lineNumber());
    }

    @Test
    void sectionNameMayStandAloneWithCommentsBeforeItsBrace() {
        ConfigTree tree = CfgParser.parse("Name\n# about it\n\n{\n  a = 1\n}\n");
        assertEquals(Optional.of("1"), tree.option("/Name/a"));
    }

    @Test
    void severalBracesOnOneLine() {
        ConfigTree tree = CfgParser.parse("A {\n  x = 1\n} B {\n  y = 2\n}\nC { D {\n z = 3\n} }\n");
        assertEquals(List.of("A", "B", "C"), tree.sections("/"));
        assertEquals(Optional.of("2"), tree.option("/B/y"));
        assertEquals(Optional.of("3"), tree.option("/C/D/z"));
    }

    @Test
    void optionAfterABraceOnTheSameLineIsRefused() {
        assertEquals(1, failure("S { a = 1 }\n").lineNumber());
        assertEquals(2, failure("S {\n} a = 1\n").lineNumber());
    }

    @Test
    void textBeforeClosingBraceIsRefused() {
        assertEquals(2, failure("S {\n  a }\n").lineNumber());
    }

    @Test
    void textAfterClosingBraceIsNotAComment() {
        assertEquals(3, failure("S\n{\n} # end of S\n").lineNumber());
    }

    @Test
    void sectionWithoutNameIsRefused() {
        assertEquals(1, failure("{\n}\n").lineNumber());
        assertEquals(2, failure("a = 1\n {\n}\n").lineNumber());
    }

    @Test
    void optionWithoutNameIsRefused() {
        assertEquals(1, failure("= 1\n").lineNumber());
        assertEquals(2, failure("a = 1\n+= 2\n").lineNumber());
    }

    @Test
    void slashInANameIsRefused() {
        assertEquals(1, failure("a/b = 1\n").lineNumber());
        assertEquals(2, failure("\nA/B {\n}\n").lineNumber());
    }

    @Test
    void acceptsWindowsLineEndsByteOrderMarkAndTabs() {
        ConfigTree tree = CfgParser.parse("\uFEFFS\r\n{\r\n\tkey\t=\tvalue\r\n}\r\n");
        assertEquals(Optional.of("value"), tree.option("/S/key"));
    }

    @Test
    void emptyAndCommentOnlyTextGiveAnEmptyTree() {
        assertEquals(ConfigTree.EMPTY, CfgParser.parse(""));
        assertEquals(ConfigTree.EMPTY, CfgParser.parse("# nothing\n\n   \n"));
    }

    @Test
    void keysMayContainSpacesAndAreCaseSensitive() {
        ConfigTree tree = CfgParser.parse("My Key = 1\nkey = lower\nKey = upper\n");
        assertEquals(Optional.of("1"), tree.option("/My Key"));
        assertEquals(Optional.of("lower"), tree.option("/key"));
        assertEquals(Optional.of("upper"), tree.option("/Key"));
        assertFalse(tree.isOption("/KEY"));
    }
}
