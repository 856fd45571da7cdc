package io.gatehouse.runtime.configuration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable tree of DIRAC sections and options, addressed by paths such as
 * {@code /Registry/Users/alice/DN}.
 *
 * <p>Sections and options keep the order in which they were first defined. Paths follow DIRAC's
 * {@code CFG.getRecursive}: they are split on {@code /}, each part is trimmed and empty parts are dropped, so
 * {@code /Registry//Users/} and {@code Registry/Users} both name {@code /Registry/Users}. Names are case-sensitive.
 * Within one section a name is either an option or a subsection, never both.
 */
public final class ConfigTree {

    /** The tree with nothing in it. */
    public static final ConfigTree EMPTY = new ConfigTree(Node.EMPTY);

    private final Node root;

    private ConfigTree(Node root) {
        this.root = root;
    }

    /** A tree holding a frozen copy of {@code root}, which the caller may go on changing. */
    static ConfigTree frozen(Node root) {
        return new ConfigTree(root.frozenCopy());
    }

    /** A builder for a tree assembled in code (tests, merged views). */
    public static Builder builder() {
        return new Builder(new Node());
    }

    /** A builder that starts from this tree's content. */
    public Builder toBuilder() {
        return new Builder(root.mutableCopy());
    }

    /** The value of the option at {@code path}; empty if there is none or the path names a section. */
    public Optional<String> option(String path) {
        return option(segments(path));
    }

    Optional<String> option(List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Node parent = root.descend(segments.subList(0, segments.size() - 1));
        Object value = parent == null ? null : parent.entries.get(segments.get(segments.size() - 1));
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }

    /** The option at {@code path} read as a DIRAC list (see {@link #splitList}); empty if there is no option. */
    public List<String> list(String path) {
        return option(path).map(ConfigTree::splitList).orElse(List.of());
    }

    /** The names of the subsections of the section at {@code path}, in file order; empty if there is no section. */
    public List<String> sections(String path) {
        return names(path, true);
    }

    /** The names of the options of the section at {@code path}, in file order; empty if there is no such section. */
    public List<String> options(String path) {
        return names(path, false);
    }

    /** Whether {@code path} names a section; the root ({@code /}) always does. */
    public boolean isSection(String path) {
        return root.descend(segments(path)) != null;
    }

    /** Whether {@code path} names an option. */
    public boolean isOption(String path) {
        return option(path).isPresent();
    }

    /** Calls {@code action} with the full path and value of every option, depth first in file order. */
    public void forEachOption(BiConsumer<String, String> action) {
        root.forEachOption("", action);
    }

    /** Whether an option may go at {@code segments}: no part of the way is an option and the end is no section. */
    boolean canHoldOption(List<String> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        Node node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object next = node.entries.get(segments.get(i));
            if (next == null) {
                return true;
            }
            if (!(next instanceof Node child)) {
                return false;
            }
            node = child;
        }
        return !(node.entries.get(segments.get(segments.size() - 1)) instanceof Node);
    }

    private List<String> names(String path, boolean wantSections) {
        Node section = root.descend(segments(path));
        if (section == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        section.entries.forEach((name, value) -> {
            if ((value instanceof Node) == wantSections) {
                names.add(name);
            }
        });
        return Collections.unmodifiableList(names);
    }

    /**
     * DIRAC's list reading of a value ({@code List.fromChar(value, ",")}): split on commas, each item trimmed,
     * empty items dropped.
     */
    public static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.strip();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** The parts of {@code path} as DIRAC reads them: split on {@code /}, trimmed, empty parts dropped. */
    public static List<String> segments(String path) {
        Objects.requireNonNull(path, "path");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty()) {
                parts.add(trimmed);
            }
        }
        return parts;
    }

    /** The canonical spelling of {@code path}: {@code /A/B}, or {@code /} for the root. */
    public static String normalize(String path) {
        return join(segments(path));
    }

    static String join(List<String> segments) {
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    /** Equal when both trees hold the same names, values and order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigTree tree && root.sameAs(tree.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** The tree in DIRAC's CFG syntax, as {@link CfgParser} reads it back. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        root.write(out, "");
        return out.toString();
    }

    /**
     * Builds a tree. Intermediate sections are created as needed; a name already used as an option cannot become a
     * section (and the reverse), as in DIRAC.
     */
    public static final class Builder {

        private final Node root;

        private Builder(Node root) {
            this.root = root;
        }

        /**
         * Sets the option at {@code path}, creating its sections. Redefining an option keeps its place.
         *
         * @throws IllegalArgumentException if the path is the root or runs into an option, or names a section
         */
        public Builder option(String path, String value) {
            Objects.requireNonNull(value, "value");
            if (!trySetOption(segments(path), value)) {
                throw new IllegalArgumentException("cannot hold an option: " + path);
            }
            return this;
        }

        /**
         * Makes sure the section at {@code path} exists.
         *
         * @throws IllegalArgumentException if a part of the path is an option
         */
        public Builder section(String path) {
            if (sectionAt(segments(path)) == null) {
                throw new IllegalArgumentException("runs into an option: " + path);
            }
            return this;
        }

        /** Sets the option at {@code segments} unless that clashes with the structure; reports whether it did. */
        boolean trySetOption(List<String> segments, String value) {
            if (segments.isEmpty()) {
                return false;
            }
            Node parent = sectionAt(segments.subList(0, segments.size() - 1));
            String name = segments.get(segments.size() - 1);
            if (parent == null || parent.entries.get(name) instanceof Node) {
                return false;
            }
            parent.entries.put(name, value);
            return true;
        }

        /** The section at {@code segments}, created if missing; null if a part of the way is an option. */
        private Node sectionAt(List<String> segments) {
            Node node = root;
            for (String name : segments) {
                Object next = node.entries.get(name);
                if (next == null) {
                    Node created = new Node();
                    node.entries.put(name, created);
                    node = created;
                } else if (next instanceof Node child) {
                    node = child;
                } else {
                    return null;
                }
            }
            return node;
        }

        public ConfigTree build() {
            return new ConfigTree(root.frozenCopy());
        }
    }

    /**
     * A section: its entries map a name to a {@code String} (an option) or a {@code Node} (a subsection). Mutable
     * while a parser or builder fills it; a tree only ever holds frozen copies.
     */
    static final class Node {

        static final Node EMPTY = new Node(Map.of());

        final Map<String, Object> entries;

        Node() {
            this(new LinkedHashMap<>());
        }

        private Node(Map<String, Object> entries) {
            this.entries = entries;
        }

        Node descend(List<String> segments) {
            Node node = this;
            for (String name : segments) {
                if (!(node.entries.get(name) instanceof Node child)) {
                    return null;
                }
                node = child;
            }
            return node;
        }

        Node frozenCopy() {
            Map<String, Object> copy = new LinkedHashMap<>();
            entries.forEach((name, value) -> copy.put(name, value instanceof Node child ? child.frozenCopy() : value));
            return new Node(Collections.unmodifiableMap(copy));
        }

        Node mutableCopy() {
            Node copy = new Node();
            entries.forEach((name, value) ->
                    copy.entries.put(name, value instanceof Node child ? child.mutableCopy() : value));
            return copy;
        }

        void forEachOption(String prefix, BiConsumer<String, String> action) {
            entries.forEach((name, value) -> {
                String path = prefix + "/" + name;
                if (value instanceof Node child) {
                    child.forEachOption(path, action);
                } else {
                    action.accept(path, (String) value);
                }
            });
        }

        /** Order-sensitive equality (a LinkedHashMap's own equals ignores order). */
        boolean sameAs(Node other) {
            if (entries.size() != other.entries.size()) {
                return false;
            }
            Iterator<Map.Entry<String, Object>> mine = entries.entrySet().iterator();
            Iterator<Map.Entry<String, Object>> theirs = other.entries.entrySet().iterator();
            while (mine.hasNext()) {
                Map.Entry<String, Object> a = mine.next();
                Map.Entry<String, Object> b = theirs.next();
                if (!a.getKey().equals(b.getKey())) {
                    return false;
                }
                boolean same = a.getValue() instanceof Node childA
                        ? b.getValue() instanceof Node childB && childA.sameAs(childB)
                        : a.getValue().equals(b.getValue());
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return entries.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Node node && sameAs(node);
        }

        void write(StringBuilder out, String indent) {
            entries.forEach((name, value) -> {
                if (value instanceof Node child) {
                    out.append(indent).append(name).append('\n').append(indent).append("{\n");
                    child.write(out, indent + "  ");
                    out.append(indent).append("}\n");
                } else {
                    out.append(indent).append(name).append(" = ").append(value).append('\n');
                }
            });
        }
    }
}
