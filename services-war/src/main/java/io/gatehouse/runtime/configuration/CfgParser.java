package io.gatehouse.runtime.configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads DIRAC's CFG text (the format of {@code dirac.cfg}, read by DIRAC's {@code CFG.loadFromBuffer}) into a
 * {@link ConfigTree}.
 *
 * <p>The syntax, as DIRAC reads it:
 * <ul>
 *   <li>Lines are trimmed; blank lines are skipped. A line whose first character is {@code #} is a comment.
 *       There are no inline comments: in {@code Port = 9135 # the port} the value is {@code 9135 # the port}
 *       (DIRAC treats only lines matching {@code ^\s*#} as comments).</li>
 *   <li><code>Name &#123;</code> opens a section; the name may also be alone on the line before the
 *       <code>&#123;</code>. <code>&#125;</code> closes it. Several braces may share a line
 *       (<code>&#125; Next &#123;</code>, <code>Empty &#123; &#125;</code>).</li>
 *   <li>{@code key = value} sets an option: the key is the text before the first {@code =}, the value everything
 *       after it, both trimmed, so values may contain {@code =}, braces and {@code #}. There is no quoting: quotes
 *       are part of the value. A value cannot continue onto the next line; DIRAC writes a list as
 *       {@code key = a} followed by {@code key += b} lines.</li>
 *   <li>{@code key += value} appends {@code ", value"} to an option defined earlier in the same section.</li>
 *   <li>An option set again replaces the value and keeps its first position. A section opened twice in the same
 *       section is an error, as in DIRAC ({@code createNewSection} refuses an existing name).</li>
 * </ul>
 *
 * <p>Where DIRAC silently builds something unintended this parser refuses instead, with the line: text that
 * is neither a comment, an option nor the name of a following section (DIRAC glues it onto the next section's
 * name or drops it); an option on a line with a brace before it; text before a <code>&#125;</code>;
 * {@code /} in a name (DIRAC would take it as a path); an option over a section of the same name (DIRAC would
 * replace the section). As in DIRAC, a section over an option, {@code +=} on an undefined option and unbalanced
 * braces are errors too.
 */
public final class CfgParser {

    private CfgParser() {
    }

    /** Reads a UTF-8 CFG file. */
    public static ConfigTree parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads CFG text.
     *
     * @throws ConfigException naming the first offending line
     */
    public static ConfigTree parse(String text) {
        return new Run().read(text);
    }

    /** A section being filled and where it was opened, for the "never closed" error. */
    private record Open(ConfigTree.Node parent, String name, int lineNumber, String line) {
    }

    /** The state of one parse. */
    private static final class Run {

        private final ConfigTree.Node root = new ConfigTree.Node();
        private final Deque<Open> open = new ArrayDeque<>();
        private ConfigTree.Node current = root;

        /** Text left on an earlier line; only the name of a section whose brace follows may be left like this. */
        private String pending;
        private int pendingNumber;
        private String pendingLine;

        ConfigTree read(String text) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            String[] lines = text.split("\n", -1);
            for (int index = 0; index < lines.length; index++) {
                readLine(index + 1, lines[index].endsWith("\r")
                        ? lines[index].substring(0, lines[index].length() - 1) : lines[index]);
            }
            if (pending != null) {
                throw strayText();
            }
            if (!open.isEmpty()) {
                Open innermost = open.peek();
                throw new ConfigException(innermost.lineNumber(), innermost.line(),
                        "section '" + innermost.name() + "' is never closed (missing '}')");
            }
            return ConfigTree.frozen(root);
        }

        private void readLine(int number, String raw) {
            String line = raw.strip();
            if (line.isEmpty() || line.charAt(0) == '#') {
                return;
            }
            int start = 0;
            boolean braceSeen = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '{') {
                    openSection(number, raw, line.substring(start, i).strip());
                    start = i + 1;
                    braceSeen = true;
                } else if (c == '}') {
                    closeSection(number, raw, line.substring(start, i).strip());
                    start = i + 1;
                    braceSeen = true;
                } else if (c == '=') {
                    if (braceSeen) {
                        throw new ConfigException(number, raw, "an option must be on a line of its own");
                    }
                    setOption(number, raw, line, i);
                    return;
                }
            }
            String rest = line.substring(start).strip();
            if (!rest.isEmpty()) {
                if (pending != null) {
                    throw strayText();
                }
                pending = rest;
                pendingNumber = number;
                pendingLine = raw;
            }
        }

        private void openSection(int number, String raw, String before) {
            String name = before;
            int nameNumber = number;
            String nameLine = raw;
            if (pending != null) {
                if (!before.isEmpty()) {
                    throw strayText();
                }
                name = pending;
                nameNumber = pendingNumber;
                nameLine = pendingLine;
                pending = null;
            }
            if (name.isEmpty()) {
                throw new ConfigException(number, raw, "a section needs a name before '{'");
            }
            checkName(nameNumber, nameLine, name);
            Object existing = current.entries.get(name);
            if (existing instanceof ConfigTree.Node) {
                throw new ConfigException(nameNumber, nameLine,
                        "section '" + name + "' is opened a second time here (DIRAC refuses a repeated section)");
            }
            if (existing != null) {
                throw new ConfigException(nameNumber, nameLine, "'" + name + "' is already an option here");
            }
            ConfigTree.Node section = new ConfigTree.Node();
            current.entries.put(name, section);
            open.push(new Open(current, name, nameNumber, nameLine));
            current = section;
        }

        private void closeSection(int number, String raw, String before) {
            if (pending != null) {
                throw strayText();
            }
            if (!before.isEmpty()) {
                throw new ConfigException(number, raw, "unexpected text before '}'");
            }
            if (open.isEmpty()) {
                throw new ConfigException(number, raw, "'}' closes no section (more '}' than '{')");
            }
            current = open.pop().parent();
        }

        /** {@code equals} is the index of the first {@code =}; a {@code +} right before it makes an append. */
        private void setOption(int number, String raw, String line, int equals) {
            if (pending != null) {
                throw strayText();
            }
            boolean append = equals > 0 && line.charAt(equals - 1) == '+';
            String key = line.substring(0, append ? equals - 1 : equals).strip();
            String value = line.substring(equals + 1).strip();
            if (key.isEmpty()) {
                throw new ConfigException(number, raw, "an option needs a name before '" + (append ? "+=" : "=") + "'");
            }
            checkName(number, raw, key);
            Object existing = current.entries.get(key);
            if (existing instanceof ConfigTree.Node) {
                throw new ConfigException(number, raw, "'" + key + "' is already a section here");
            }
            if (append) {
                if (existing == null) {
                    throw new ConfigException(number, raw, "'+=' on option '" + key + "', which is not defined before");
                }
                // DIRAC's appendToOption: the old value, a comma and a space, the new value, even when empty.
                current.entries.put(key, existing + ", " + value);
            } else {
                current.entries.put(key, value); // a LinkedHashMap keeps the first position, as DIRAC does
            }
        }

        private static void checkName(int number, String raw, String name) {
            if (name.indexOf('/') >= 0) {
                throw new ConfigException(number, raw, "a name cannot contain '/': '" + name + "'");
            }
        }

        private ConfigException strayText() {
            return new ConfigException(pendingNumber, pendingLine,
                    "neither an option, a comment, nor the name of a section followed by '{'"
                            + " (DIRAC has no inline comments)");
        }
    }
}
