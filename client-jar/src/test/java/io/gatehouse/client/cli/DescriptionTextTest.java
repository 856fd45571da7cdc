package io.gatehouse.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gatehouse.client.description.MethodDescription;
import io.gatehouse.client.description.Parameter;
import io.gatehouse.client.description.Returns;

/** The pieces of describe's text: rules, signatures, wrapping, what a server's text may not do to a terminal. */
class DescriptionTextTest {

    @Test
    void rulesReadAsAlternativesWithTheirSource() {
        assertEquals("anyone", DescriptionText.rule(List.of(), null));
        assertEquals("anyone (default)", DescriptionText.rule(List.of(), "default"));
        assertEquals("authenticated", DescriptionText.rule(List.of("authenticated"), "none"));
        assertEquals("NormalUser or TrustedHost (configuration)",
                DescriptionText.rule(List.of("NormalUser", "TrustedHost"), "configuration"));
    }

    @Test
    void aMissingSignatureIsMadeFromTheParameters() {
        MethodDescription method = new MethodDescription("add", null, null,
                List.of(new Parameter("a", "integer", null, false, false, null),
                        new Parameter("b", "integer", null, true, true, null)),
                new Returns("integer", null, null), null, null, true, false, null);
        assertEquals("add(a: integer, b?: integer) -> integer", DescriptionText.signature(method));
        assertEquals("none", method.transfer());
        assertEquals(List.of(), method.auth());
    }

    @Test
    void controlAndFormatCharactersAreNotPrinted() {
        assertEquals("a ?[2Jb ?c?d e", DescriptionText.printable("a \u001b[2Jb \u202ec\u0085d\te"));
        assertEquals("line one line two", DescriptionText.printable("line one\nline two").replace("  ", " "));
        assertEquals("Grüße, 世界", DescriptionText.printable("Grüße, 世界"));
    }

    @Test
    void wrappingKeepsWordsWholeAndLongWordsAlone() {
        assertEquals(List.of("one two", "three", "averyveryverylongword", "x"),
                DescriptionText.wrap("one two three averyveryverylongword x", 9));
        assertEquals(List.of(), DescriptionText.wrap("  \n ", 9));
    }
}
