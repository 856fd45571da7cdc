package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Result;
import io.gatehouse.api.wire.ConnectionFrames;
import io.gatehouse.api.wire.JEncode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls into connected clients (restpipe's model): a {@code call} frame out, the client's {@code result} frame
 * back, matched by number. Every call ends: with the client's reply, or an S_ERROR when it times out or the
 * connection ends first.
 */
@ApplicationScoped
public class ClientCalls {

    private record Pending(LiveConnection connection, CompletableFuture<Result<Object>> reply) {
    }

    private final AtomicLong numbers = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** Calls {@code method} on the client at the other end of {@code connection}. */
    public CompletionStage<Result<Object>> call(LiveConnection connection, String method, JsonArray args,
                                                Duration timeout) {
        long number = numbers.incrementAndGet();
        CompletableFuture<Result<Object>> reply = new CompletableFuture<>();
        pending.put(number, new Pending(connection, reply));
        connection.write(new ConnectionFrames.Call(number, method, args)).whenComplete((ok, e) -> {
            if (e != null) {
                finish(number, Result.error(Errors.ECONNREFUSED, "the client " + connection.clientIdentity()
                        + " could not be reached: " + e.getMessage()));
            }
        });
        reply.completeOnTimeout(Result.error(Errors.ETIMEDOUT, "the client " + connection.clientIdentity()
                + " did not answer " + method + " within " + timeout.toMillis() + " ms"),
                timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, e) -> pending.remove(number));
        return reply;
    }

    /** A client's result frame: completes its call, if that call is still waiting and was made to this client. */
    void answered(LiveConnection connection, ConnectionFrames.CallResult result) {
        Pending call = pending.get(result.call());
        if (call == null || call.connection() != connection) {
            return; // late (timed out), or a number this client was never sent: nothing waits for it
        }
        finish(result.call(), toResult(result.result()));
    }

    /** The connection ended: its calls still waiting fail now rather than at their timeout. */
    void disconnected(LiveConnection connection) {
        pending.forEach((number, call) -> {
            if (call.connection() == connection) {
                finish(number, Result.error(Errors.ECONNREFUSED, "the client " + connection.clientIdentity()
                        + " disconnected before answering"));
            }
        });
    }

    private void finish(long number, Result<Object> result) {
        Pending call = pending.remove(number);
        if (call != null) {
            call.reply().complete(result);
        }
    }

    /** The client's S_OK/S_ERROR object as a Result; anything else is the client's protocol error. */
    static Result<Object> toResult(JsonObject reply) {
        JsonValue ok = reply.get("OK");
        if (ok == JsonValue.TRUE) {
            return Result.ok(JEncode.decode(reply.getOrDefault("Value", JsonValue.NULL)));
        }
        if (ok == JsonValue.FALSE) {
            String message = reply.get("Message") instanceof JsonString s ? s.getString() : "the client failed";
            int errno = reply.get("Errno") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : 0;
            return errno == 0 ? Result.error(message) : Result.error(errno, message);
        }
        return Result.error(Errors.EINVAL, "the client's reply is not an S_OK/S_ERROR object");
    }
}
