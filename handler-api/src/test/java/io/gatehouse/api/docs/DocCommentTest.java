package io.gatehouse.api.docs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Comments as javac gives them ({@code Elements.getDocComment}): each line's {@code *} gone, its space kept. */
class DocCommentTest {

    private static String text(String comment) {
        return DocComment.parse(comment).description();
    }

    @Test
    void noCommentHasNoParts() {
        assertEquals(new DocComment("", Map.of(), ""), DocComment.parse(null));
        assertEquals(new DocComment("", Map.of(), ""), DocComment.parse(" \n "));
    }

    @Test
    void linesJoinAndParagraphsStay() {
        assertEquals("One line continued.\n\nA paragraph.\n\nAnother one.",
                text(" One line\n   continued.\n\n A paragraph.\n <p>Another one.\n"));
    }

    @Test
    void listsAndPreformattedTextKeepTheirLines() {
        assertEquals("Options:\n\n- first\n- second\n\nafter",
                text(" Options:\n <ul>\n   <li>first</li>\n   <li>second</li>\n </ul>\n after"));
        assertEquals("Example:\n\nif (a < b) {\n    call();\n}\n\nDone.",
                text(" Example:\n <pre>\n if (a &lt; b) {\n     call();\n }\n </pre>\n Done."));
        assertEquals("Code:\n\n@Handler(\"A/B\")\nclass B {}",
                text(" Code:\n <pre>{@code\n @Handler(\"A/B\")\n class B {}\n }</pre>"),
                "an @ starting a line inside {@code} is no block tag");
    }

    @Test
    void inlineTagsBecomeTheirText() {
        assertEquals("Uses Map<String, Integer> and a literal <b>.",
                text(" Uses {@code Map<String,  Integer>} and a literal {@literal <b>}."));
        assertEquals("See FileArea, FileArea#root(), root, the root, Map#get(Object, Object).",
                text(" See {@link io.gatehouse.api.files.FileArea}, {@link io.gatehouse.api.files.FileArea#root()},"
                        + " {@link #root}, {@linkplain #root() the root}, {@link java.util.Map#get(Object, Object)}."));
        assertEquals("The element x of Point.", text(" The {@link Point#x() element {@code x}} of {@link Point}."));
        assertEquals("The limit MAX, kept in summary form.",
                text(" The limit {@value #MAX}, {@summary kept in summary form.}{@inheritDoc}{@docRoot}"));
        assertEquals("Indexes term and a phrase.",
                text(" Indexes {@index term what it means} and {@index \"a phrase\" here}."));
    }

    @Test
    void htmlIsRemovedButTextThatLooksLikeItStays() {
        assertEquals("bold and emphasis, a link, List<String> and 3 > 2 & so on",
                text(" <b>bold</b> and <em>emphasis</em>, <a href=\"https://x\">a link</a>, List<String> and"
                        + " 3 &gt; 2 &amp; so on<!-- hidden -->"));
        assertEquals("caf\u00e9 \u00e9", text(" caf&#233; &#xE9;"));
    }

    @Test
    void blockTagsEndTheDescription() {
        DocComment comment = DocComment.parse(" Sends it.\n @param to whom,\n   on two lines\n"
                + " @param <T> its type\n @param from\n @throws IllegalStateException when closed\n"
                + " @return what came back\n @return a second return is ignored\n @see Object");
        assertEquals("Sends it.", comment.description());
        assertEquals(Map.of("to", "whom, on two lines", "from", ""), comment.parameters());
        assertEquals("what came back", comment.returns());
    }

    @Test
    void anInlineReturnIsBothDescriptionAndReturn() {
        DocComment comment = DocComment.parse(" {@return the caller's name} Never empty.");
        assertEquals("Returns the caller's name. Never empty.", comment.description());
        assertEquals("the caller's name", comment.returns());
        assertEquals("the block tag", DocComment.parse(" {@return the name.}\n @return the block tag").returns());
    }

    @Test
    void malformedTextIsKept() {
        assertEquals("", text(" {@"), "an unclosed tag with no name");
        assertEquals("unclosed code", text(" {@code unclosed code"));
        assertEquals("a <notatag> &nosuch; &#1114112;", text(" a <notatag> &nosuch; &#1114112;"));
        assertEquals("@ 1", text(" @ 1"));
        assertEquals("", text(" @param"));
        assertEquals(Map.of(), DocComment.parse(" @param").parameters());
    }
}
