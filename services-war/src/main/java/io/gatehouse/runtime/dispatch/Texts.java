package io.gatehouse.runtime.dispatch;

/** Caller-supplied text as it may appear in a reply or a log line: cut to a sane length. */
final class Texts {

    /** The longest piece of a caller's text repeated back. */
    static final int MAX_ECHOED = 100;

    private Texts() {
    }

    /** The text, or its first {@value #MAX_ECHOED} characters and how many more there were. */
    static String cut(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_ECHOED) {
            return text;
        }
        return text.substring(0, MAX_ECHOED) + "... (" + (text.length() - MAX_ECHOED) + " more characters)";
    }
}
