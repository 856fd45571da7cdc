package io.gatehouse.client.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a password comes from: a file (its first line), then an environment variable, then the console when
 * there is one; else the command fails and says how to give one. Never from the command line itself, where
 * {@code ps} would show it.
 */
final class Passwords {

    /** The environment variable holding the password of {@code --p12} files. */
    static final String P12_PASSWORD_VARIABLE = "GATEHOUSE_P12_PASSWORD";
    /** The environment variable holding the password of {@code --truststore} files. */
    static final String TRUSTSTORE_PASSWORD_VARIABLE = "GATEHOUSE_TRUSTSTORE_PASSWORD";

    private final Function<String, String> environment;
    private final Console console;

    Passwords(Function<String, String> environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    /** The process' environment and console. */
    static Passwords system() {
        return new Passwords(System::getenv, System.console());
    }

    /**
     * The password for {@code what}.
     *
     * @param file     the --password-file option, or null
     * @param variable an environment variable to look at, or null
     * @param what     what the password opens, for the prompt and the error ("the key ~/.globus/userkey.pem")
     */
    char[] get(Path file, String variable, String what) {
        if (file != null) {
            return fromFile(file);
        }
        if (variable != null) {
            String value = environment.apply(variable);
            if (value != null) {
                return value.toCharArray();
            }
        }
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", what);
            if (typed == null) {
                throw CliFailure.credentials("no password was typed for " + what);
            }
            return typed;
        }
        throw CliFailure.credentials("a password is needed for " + what + " and there is no terminal to ask it: give "
                + "--password-file FILE" + (variable == null ? "" : " or set " + variable));
    }

    /** The first line of a password file, without its line terminator. */
    static char[] fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.credentials("cannot read the password file " + file + ": " + Failures.describe(e));
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.toCharArray();
    }
}
