package io.gatehouse.api.docs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Javadoc comment, as the compiler gives it (the leading {@code *} of each line already removed), turned into the
 * plain text a service description shows: its main description, its {@code @param} texts by name and its
 * {@code @return} text. Other block tags ({@code @throws}, {@code @see}...) are dropped.
 *
 * <p>Inline tags become their readable text ({@code {@code x}} is {@code x}, {@code {@link A#b label}} is
 * {@code label}, {@code {@link a.b.A#b}} is {@code A#b}); the common HTML of comments becomes line structure
 * ({@code <p>} a blank line, {@code <li>} a dash) and other known elements are removed; lines are joined inside a
 * paragraph. Nothing here fails on a malformed comment: an unclosed inline tag runs to the end of its text.
 *
 * @param description the main description, empty when there is none
 * @param parameters the {@code @param} texts by parameter (or record component) name
 * @param returns the {@code @return} text (or an inline {@code {@return ...}}'s), empty when there is none
 */
record DocComment(String description, Map<String, String> parameters, String returns) {

    private static final DocComment NONE = new DocComment("", Map.of(), "");

    /** HTML elements a comment commonly uses: removed from the text (or turned into line structure). */
    private static final Set<String> HTML_ELEMENTS = Set.of("a", "abbr", "b", "big", "blockquote", "br", "caption",
            "cite", "code", "dd", "del", "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
            "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
            "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var");
    private static final Set<String> PARAGRAPH_ELEMENTS = Set.of("p", "div", "blockquote", "dl", "table", "h1",
            "h2", "h3", "h4", "h5", "h6", "hr", "ul", "ol");
    private static final Set<String> LINE_ELEMENTS = Set.of("br", "dt", "dd", "tr", "li");
    private static final Pattern HTML_TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9]*)(?:\\s[^<>]*)?/?>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"",
            "apos", "'", "nbsp", " ", "mdash", "\u2014", "ndash", "\u2013", "hellip", "\u2026");

    /** The comment's parts; a {@code null} comment (none written) has none. */
    static DocComment parse(String comment) {
        if (comment == null || comment.isBlank()) {
            return NONE;
        }
        int firstTag = nextBlockTag(comment, 0);
        Text main = new Text();
        main.render(comment.substring(0, firstTag));
        Map<String, String> parameters = new LinkedHashMap<>();
        String returns = "";
        for (int start = firstTag; start < comment.length(); ) {
            int end = nextBlockTag(comment, start + 1);
            String block = comment.substring(start + 1, end);
            start = end;
            int nameEnd = wordEnd(block, 0);
            String tag = block.substring(0, nameEnd);
            String body = block.substring(nameEnd).strip();
            if (tag.equals("param")) {
                int parameterEnd = wordEnd(body, 0);
                String name = body.substring(0, parameterEnd);
                // "@param <T>" documents a type parameter, which a description has no place for
                if (!name.isEmpty() && !name.startsWith("<")) {
                    parameters.putIfAbsent(name, Text.of(body.substring(parameterEnd)));
                }
            } else if (tag.equals("return") && returns.isEmpty()) {
                returns = Text.of(body);
            }
        }
        if (returns.isEmpty()) {
            returns = main.inlineReturn;
        }
        return new DocComment(main.toString(), Map.copyOf(parameters), returns);
    }

    /**
     * Where the next block tag starts: an {@code @} beginning a line (after white space), outside inline tags;
     * the comment's length when there is none.
     */
    private static int nextBlockTag(String comment, int from) {
        boolean lineStart = from == 0 || isLineStart(comment, from);
        for (int i = from; i < comment.length(); i++) {
            char c = comment.charAt(i);
            if (c == '\n') {
                lineStart = true;
            } else if (c == '{' && comment.startsWith("{@", i)) {
                // an unclosed inline tag hides no block tag: it ends with the text of its own block
                int end = inlineTagEnd(comment, i);
                i = end < 0 ? i + 1 : end - 1;
                lineStart = false;
            } else if (c == '@' && lineStart && i + 1 < comment.length()
                    && Character.isLetter(comment.charAt(i + 1))) {
                return i;
            } else if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
        }
        return comment.length();
    }

    private static boolean isLineStart(String comment, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = comment.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index just after the inline tag whose opening brace is at {@code start}, its braces balanced; -1 when it
     * is not closed.
     */
    private static int inlineTagEnd(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Plain text being built from a comment's text: white space collapsed, paragraphs and lines kept. */
    private static final class Text {

        private final StringBuilder out = new StringBuilder();
        private boolean preformatted;
        private String inlineReturn = "";

        static String of(String commentText) {
            Text text = new Text();
            text.render(commentText);
            return text.toString();
        }

        void render(String text) {
            int i = 0;
            int end;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '{' && text.startsWith("{@", i)) {
                    end = inlineTagEnd(text, i);
                    inlineTag(end < 0 ? text.substring(i + 2) : text.substring(i + 2, end - 1));
                    i = end < 0 ? text.length() : end;
                } else if (c == '<' && (end = html(text, i)) > i) {
                    i = end;
                } else if (c == '&' && (end = entity(text, i)) > i) {
                    i = end;
                } else if (Character.isWhitespace(c) && !preformatted) {
                    end = i;
                    int newlines = 0;
                    while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                        newlines += text.charAt(end) == '\n' ? 1 : 0;
                        end++;
                    }
                    if (newlines > 1) {
                        paragraph();
                    } else {
                        space();
                    }
                    i = end;
                } else {
                    // in <pre>, the compiler leaves the one space that followed each line's '*'
                    if (!(preformatted && c == ' ' && i > 0 && text.charAt(i - 1) == '\n')) {
                        out.append(c);
                    }
                    i++;
                }
            }
        }

        private void inlineTag(String tag) {
            int nameEnd = wordEnd(tag, 0);
            String name = tag.substring(0, nameEnd);
            String content = tag.substring(nameEnd).strip();
            switch (name) {
                case "code", "literal" -> verbatim(content);
                case "link", "linkplain", "value" -> {
                    int referenceEnd = wordEnd(referenceSafe(content), 0);
                    String label = content.substring(referenceEnd).strip();
                    if (label.isEmpty()) {
                        verbatim(readableReference(content.substring(0, referenceEnd)));
                    } else {
                        render(label);
                    }
                }
                case "return" -> {
                    String returned = Text.of(content);
                    if (!returned.isEmpty()) {
                        inlineReturn = returned;
                        verbatim("Returns " + returned + (returned.endsWith(".") ? "" : "."));
                    }
                }
                case "inheritDoc", "docRoot" -> {
                    // nothing readable without the rest of the documentation
                }
                case "index" -> {
                    // {@index term description} or {@index "a phrase" description}: the term is the text
                    int quoteEnd = content.startsWith("\"") ? content.indexOf('"', 1) : -1;
                    verbatim(quoteEnd > 0 ? content.substring(1, quoteEnd)
                            : content.substring(0, wordEnd(content, 0)));
                }
                default -> render(content);
            }
        }

        /** The reference with the spaces inside its parentheses hidden, so that its end is the first space. */
        private static String referenceSafe(String content) {
            StringBuilder safe = new StringBuilder(content);
            int depth = 0;
            for (int i = 0; i < safe.length(); i++) {
                char c = safe.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth > 0 && Character.isWhitespace(c)) {
                    safe.setCharAt(i, '_');
                }
            }
            return safe.toString();
        }

        /** {@code a.b.Type#member(int)} as {@code Type#member(int)}; {@code #m} as {@code m}. */
        private static String readableReference(String reference) {
            int hash = reference.indexOf('#');
            String type = hash < 0 ? reference : reference.substring(0, hash);
            String member = hash < 0 ? "" : reference.substring(hash + 1);
            String simpleType = type.substring(type.lastIndexOf('.') + 1);
            if (simpleType.isEmpty()) {
                return member;
            }
            return member.isEmpty() ? simpleType : simpleType + "#" + member;
        }

        /** Text shown as written (code, a reference), its white space collapsed outside {@code <pre>}. */
        private void verbatim(String content) {
            // in <pre>, the compiler leaves the one space that followed each line's '*'
            out.append(preformatted ? content.replace("\n ", "\n") : content.strip().replaceAll("\\s+", " "));
        }

        /** Handles the HTML tag at {@code start}, returning the index after it, or {@code start} if it is none. */
        private int html(String text, int start) {
            if (text.startsWith("<!--", start)) {
                int end = text.indexOf("-->", start + 4);
                return end < 0 ? text.length() : end + 3;
            }
            Matcher tag = HTML_TAG.matcher(text).region(start, text.length());
            if (!tag.lookingAt()) {
                return start;
            }
            String element = tag.group(2).toLowerCase(Locale.ROOT);
            if (!HTML_ELEMENTS.contains(element)) {
                return start; // text such as List<String>, left as written
            }
            boolean closing = !tag.group(1).isEmpty();
            if (element.equals("pre")) {
                paragraph();
                preformatted = !closing;
                return skipNewline(text, tag.end());
            }
            if (PARAGRAPH_ELEMENTS.contains(element)) {
                paragraph();
            } else if (LINE_ELEMENTS.contains(element)) {
                line();
                if (element.equals("li") && !closing) {
                    out.append("- ");
                }
            }
            return tag.end();
        }

        private int skipNewline(String text, int index) {
            return preformatted && text.startsWith("\n", index) ? index + 1 : index;
        }

        /** Decodes the character entity at {@code start}, returning the index after it, or {@code start}. */
        private int entity(String text, int start) {
            Matcher entity = ENTITY.matcher(text).region(start, text.length());
            if (!entity.lookingAt()) {
                return start;
            }
            String name = entity.group(1);
            String decoded;
            if (name.startsWith("#")) {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
                decoded = Character.isValidCodePoint(codePoint) && codePoint != 0
                        ? new String(Character.toChars(codePoint)) : null;
            } else {
                decoded = NAMED_ENTITIES.get(name);
            }
            if (decoded == null) {
                return start;
            }
            out.append(decoded);
            return entity.end();
        }

        private void space() {
            if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.append(' ');
            }
        }

        private void line() {
            trimSpaces();
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void paragraph() {
            line();
            if (out.length() > 0 && !(out.length() > 1 && out.charAt(out.length() - 2) == '\n')) {
                out.append('\n');
            }
        }

        /** Removes the spaces ending the text so far, not its line breaks. */
        private void trimSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) != '\n' && Character.isWhitespace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
        }

        @Override
        public String toString() {
            return out.toString().strip();
        }
    }
}
