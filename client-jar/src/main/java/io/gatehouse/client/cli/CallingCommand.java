package io.gatehouse.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.GatehouseClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the commands that call a service share: connection options, --json, the call and its failures. */
abstract class CallingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", order = 1, description = "Print the result as JSON, for scripts.")
    boolean json;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Makes the client for these URLs (pooled). */
    GatehouseClient connect(List<String> urls) {
        return connect(urls, true);
    }

    GatehouseClient connect(List<String> urls, boolean pooled) {
        return connection.connect(urls, pooled, GatehouseCli.passwords(), err());
    }

    /**
     * Calls a method; a call that could not be made (unreachable, TLS, timeout) is a {@link CliFailure}. The
     * answer, S_OK or not, is returned.
     */
    CallResult call(GatehouseClient client, List<String> urls, String method, Object... args) {
        CallResult result;
        try {
            result = client.call(method, args);
        } catch (Exception e) {
            throw Failures.ofCall(e, urls, connection);
        }
        if (result == null) {
            throw new CliFailure(ExitCodes.INTERNAL, "the client returned no result for " + method);
        }
        return result;
    }

    /** Calls a method and returns its S_OK result; anything else is a {@link CliFailure}. */
    CallResult callOk(GatehouseClient client, List<String> urls, String method, Object... args) {
        CallResult result = call(client, urls, method, args);
        CliFailure failure = Failures.ofResult(result, method, connection);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** DIRAC's reply envelope of a result: {"OK": true, "Value": v} or {"OK": false, "Errno": n, "Message": m}. */
    static JsonObject envelope(CallResult result) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("OK", result.ok());
        if (result.ok()) {
            json.add("Value", result.value() == null ? JsonValue.NULL : result.value());
        } else {
            json.add("Errno", result.errno());
            json.add("Message", result.message() == null ? "" : result.message());
        }
        return json.build();
    }

    static void close(GatehouseClient client) {
        Object object = client;
        if (object instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to do: the command is over
            }
        }
    }
}
