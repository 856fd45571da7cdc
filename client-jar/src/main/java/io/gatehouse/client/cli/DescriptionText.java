package io.gatehouse.client.cli;

import java.util.ArrayList;
import java.util.List;

import io.gatehouse.client.description.MessageDescription;
import io.gatehouse.client.description.MethodDescription;
import io.gatehouse.client.description.Parameter;
import io.gatehouse.client.description.ServerDescription;
import io.gatehouse.client.description.ServiceDescription;

/**
 * Descriptions as text for people: plain lines, docs wrapped to a width, no terminal codes. Every text the server
 * sent is made printable first (control and format characters become '?'), so that a hostile server cannot move
 * the cursor, recolour or rewrite the terminal.
 */
final class DescriptionText {

    /** The width docs are wrapped to. */
    static final int WIDTH = 100;
    /** Where a method's rule and doc start, under its signature. */
    private static final String DETAIL = "      ";
    /** The longest service name the listing pads others to; longer ones push their doc to the next line. */
    private static final int NAME_COLUMN = 36;

    private DescriptionText() {
    }

    /** A service: its name and doc, its methods (own, then built-in), its messages. */
    static List<String> service(ServiceDescription service) {
        List<String> lines = new ArrayList<>();
        lines.add(printable(service.name() == null ? "(unnamed service)" : service.name()));
        addDoc(lines, "  ", service.doc());
        List<MethodDescription> own = new ArrayList<>();
        List<MethodDescription> builtins = new ArrayList<>();
        for (MethodDescription method : service.methods()) {
            (method.builtin() ? builtins : own).add(method);
        }
        addMethods(lines, "Methods:", own);
        addMethods(lines, "Built-in methods (every service has them):", builtins);
        if (service.messages() != null) {
            lines.add("");
            lines.add("Messages (stable connections):");
            if (service.messages().isEmpty()) {
                lines.add("  (none)");
            }
            for (MessageDescription message : service.messages()) {
                if (message != service.messages().get(0)) {
                    lines.add("");
                }
                lines.add("  " + messageSignature(message) + (message.received() ? "   clients may send it"
                        : "   only the service sends it"));
                if (message.received()) {
                    lines.add(DETAIL + "auth: " + rule(message.auth(), message.authSource()));
                }
                addDoc(lines, DETAIL, message.doc());
                for (MessageDescription.Field field : message.fields()) {
                    if (field.doc() != null && !field.doc().isBlank()) {
                        addHanging(lines, DETAIL + "  ", printable(String.valueOf(field.name())) + ": ", field.doc());
                    }
                }
            }
        }
        return lines;
    }

    /** The server and its services, one a line with the start of its doc. */
    static List<String> services(ServerDescription server) {
        List<String> lines = new ArrayList<>();
        int count = server.services().size();
        lines.add((server.server() == null ? "Server" : printable(server.server())) + ": " + count
                + (count == 1 ? " service" : " services"));
        int column = 0;
        for (ServerDescription.ServiceEntry entry : server.services()) {
            column = Math.max(column, Math.min(NAME_COLUMN, printable(String.valueOf(entry.name())).length()));
        }
        String hanging = " ".repeat(column + 4);
        for (ServerDescription.ServiceEntry entry : server.services()) {
            String name = printable(String.valueOf(entry.name()));
            List<String> doc = wrap(firstParagraph(entry.doc()), WIDTH - hanging.length());
            if (doc.isEmpty()) {
                lines.add("  " + name);
                continue;
            }
            if (name.length() > column) {
                lines.add("  " + name);
                lines.add(hanging + doc.get(0));
            } else {
                lines.add("  " + name + " ".repeat(column - name.length() + 2) + doc.get(0));
            }
            for (String line : doc.subList(1, doc.size())) {
                lines.add(hanging + line);
            }
        }
        return lines;
    }

    private static void addMethods(List<String> lines, String heading, List<MethodDescription> methods) {
        if (methods.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(heading);
        for (int i = 0; i < methods.size(); i++) {
            MethodDescription method = methods.get(i);
            if (i > 0) {
                lines.add("");
            }
            lines.add("  " + signature(method));
            String rule = "auth: " + rule(method.auth(), method.authSource());
            if (!method.callable()) {
                rule += "; not callable by you";
            }
            if (method.transfer() != null && !method.transfer().equals(MethodDescription.NO_TRANSFER)) {
                rule += "; transfer: " + printable(method.transfer());
            }
            lines.add(DETAIL + rule);
            addDoc(lines, DETAIL, method.doc());
            for (Parameter parameter : method.parameters()) {
                if (parameter.doc() != null && !parameter.doc().isBlank()) {
                    addHanging(lines, DETAIL + "  ", printable(String.valueOf(parameter.name())) + ": ",
                            parameter.doc());
                }
            }
            if (method.returns() != null && method.returns().doc() != null && !method.returns().doc().isBlank()) {
                addHanging(lines, DETAIL + "  ", "returns: ", method.returns().doc());
            }
        }
    }

    /** The server's signature, or one made from the parameters when it sent none. */
    static String signature(MethodDescription method) {
        if (method.signature() != null && !method.signature().isBlank()) {
            return printable(method.signature());
        }
        List<String> parameters = new ArrayList<>();
        for (Parameter parameter : method.parameters()) {
            parameters.add(parameter.name() + (parameter.optional() ? "?" : "") + ": " + parameter.type());
        }
        String returns = method.returns() == null ? "" : " -> " + method.returns().type();
        return printable(method.name() + "(" + String.join(", ", parameters) + ")" + returns);
    }

    private static String messageSignature(MessageDescription message) {
        List<String> fields = new ArrayList<>();
        for (MessageDescription.Field field : message.fields()) {
            fields.add(field.name() + ": " + field.type());
        }
        return printable(message.name() + "(" + String.join(", ", fields) + ")");
    }

    /**
     * A rule as people read it: "anyone" for no tokens, else the tokens (any one of them lets a caller in), then
     * where the rule comes from: "authenticated (code)", "NormalUser or TrustedHost (configuration)".
     */
    static String rule(List<String> auth, String source) {
        String who = auth.isEmpty() ? "anyone" : printable(String.join(" or ", auth));
        return source == null || source.isBlank() || source.equals("none") ? who
                : who + " (" + printable(source) + ")";
    }

    /** A doc as indented paragraphs wrapped to {@link #WIDTH}, a blank line between paragraphs. */
    private static void addDoc(List<String> lines, String indent, String doc) {
        if (doc == null || doc.isBlank()) {
            return;
        }
        boolean first = true;
        for (String paragraph : doc.strip().split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            if (!first) {
                lines.add("");
            }
            first = false;
            for (String line : wrap(paragraph, WIDTH - indent.length())) {
                lines.add(indent + line);
            }
        }
    }

    /** "label: text" with the text's next lines indented under its start. */
    private static void addHanging(List<String> lines, String indent, String label, String text) {
        String hanging = indent + " ".repeat(label.length());
        List<String> wrapped = wrap(text, WIDTH - hanging.length());
        for (int i = 0; i < wrapped.size(); i++) {
            lines.add((i == 0 ? indent + label : hanging) + wrapped.get(i));
        }
    }

    private static String firstParagraph(String doc) {
        return doc == null || doc.isBlank() ? "" : doc.strip().split("\\n\\s*\\n", 2)[0];
    }

    /** Words wrapped to lines of at most {@code width} characters (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Text safe to print on a terminal: line breaks and tabs become spaces, other control characters (ESC and the
     * rest of C0 and C1) and format characters (bidirectional overrides, zero-width ones) become '?'.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.SURROGATE) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
