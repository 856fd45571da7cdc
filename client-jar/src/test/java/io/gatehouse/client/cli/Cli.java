package io.gatehouse.client.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.StringReader;
import java.util.Arrays;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Runs the command line in-process, with captured output, as a user would in a shell. */
final class Cli {

    /** What a run printed and returned. */
    record Run(int code, String out, String err, String[] args) {

        /** For assertion messages: the command, the exit code and both outputs. */
        String show() {
            return "gatehouse " + String.join(" ", args) + "\n-> exit " + code + "\n--- out:\n" + out
                    + "--- err:\n" + err;
        }

        JsonValue json() {
            try (JsonReader reader = Json.createReader(new StringReader(out))) {
                return reader.readValue();
            }
        }

        JsonObject jsonObject() {
            return json().asJsonObject();
        }
    }

    private Cli() {
    }

    /** {@code command --proxy proxy --ca-dir caDir args...}: a command run with a proxy and a CA directory. */
    static Run runWith(String command, String proxy, String caDir, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = command;
        all[1] = "--proxy";
        all[2] = proxy;
        all[3] = "--ca-dir";
        all[4] = caDir;
        System.arraycopy(args, 0, all, 5, args.length);
        return run(all);
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // No console and no environment: a password must come from --password-file.
        GatehouseCli.usePasswords(new Passwords(name -> null, null));
        try {
            int code = GatehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out.toString(), err.toString(), Arrays.copyOf(args, args.length));
        } finally {
            GatehouseCli.usePasswords(null);
        }
    }
}
