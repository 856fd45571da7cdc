package io.gatehouse.client.cli;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonValue;

import io.gatehouse.api.wire.ArgumentException;
import io.gatehouse.api.wire.JEncode;

/**
 * The arguments of {@code gatehouse call}, one command-line word each. A word is read as JSON (JEncode, so DIRAC's
 * tagged values work): {@code 1}, {@code 2.5}, {@code true}, {@code null}, {@code "text"}, {@code [1,2]},
 * {@code {"a":1}}, {@code {"__dCls":"dt","obj":"2024-05-01 12:00:00"}}. A word that is not JSON is sent as a
 * string, so {@code hello} is {@code "hello"} and {@code 007} is {@code "007"}; a word that starts like JSON
 * ({@code [ { "}) but does not parse is a usage error rather than a surprise string.
 */
final class CallArguments {

    private CallArguments() {
    }

    /** The values to pass to the client: a JSON-P value for JSON words, a String for bare words. */
    static List<Object> parse(List<String> words) {
        List<Object> values = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            values.add(parse(words.get(i), i + 1));
        }
        return values;
    }

    /** One word; {@code position} (from 1) only names it in an error message. */
    static Object parse(String word, int position) {
        if (word.isBlank()) {
            return word; // an empty (or blank) word is the empty (or blank) string
        }
        try {
            JsonValue value = JEncode.parse(word);
            // A tagged value is checked here (a malformed dt fails now, not on the server).
            JEncode.decode(value);
            return value;
        } catch (ArgumentException e) {
            char first = word.strip().charAt(0);
            if (first == '[' || first == '{' || first == '"') {
                throw CliFailure.usage("argument " + position + " looks like JSON but is not valid ("
                        + e.getMessage() + "): " + word
                        + "\n  To send it as a plain string, write it as a JSON string: '\"...\"' (quote the quotes "
                        + "for your shell).");
            }
            return word;
        }
    }
}
