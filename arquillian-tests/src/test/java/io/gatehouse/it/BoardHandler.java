package io.gatehouse.it;

import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.Result;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.messaging.Connections;
import io.gatehouse.api.messaging.Messages;
import io.gatehouse.api.messaging.OnConnect;
import io.gatehouse.api.messaging.OnDrop;
import io.gatehouse.api.messaging.Receive;

import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test service with stable connections: messages with different rules, callbacks that tell the clients what they
 * saw (the tests run outside the server), a connection refused on request, and a method that calls into a client.
 */
@Handler("Test/Board")
@Messages({BoardHandler.Post.class, BoardHandler.Announce.class, BoardHandler.Posted.class,
        BoardHandler.Event.class})
public class BoardHandler {

    /** Anyone with NormalUser may post; every connection gets it as {@link Posted}. */
    public record Post(String text) {
    }

    /** Administrators only. */
    public record Announce(String text) {
    }

    public record Posted(String text, String by) {
    }

    /** What a callback saw: {@code kind} connected or dropped. */
    public record Event(String kind, String transportId, String clientIdentity, String dn, String parameter) {
    }

    @Inject
    Connections connections;

    @OnConnect
    public Result<Void> connected(Connection connection) {
        Object refuse = connection.parameters().get("refuse");
        if (refuse != null) {
            return Result.error("refused as asked: " + refuse);
        }
        connection.send(new Event("connected", connection.transportId(), connection.clientIdentity(),
                connection.credentials().dn(), String.valueOf(connection.parameters().get("color"))));
        return Result.ok();
    }

    @OnDrop
    public void dropped(Connection connection) {
        Event event = new Event("dropped", connection.transportId(), connection.clientIdentity(),
                connection.credentials().dn(), null);
        connections.all().forEach(other -> other.send(event));
    }

    @Receive(auth = "NormalUser")
    public void post(Post post, Connection from) {
        Posted posted = new Posted(post.text(), from.credentials().username());
        connections.all().forEach(c -> c.send(posted));
    }

    @Receive(auth = "ServiceAdministrator")
    public void announce(Announce announce, Connection from) {
        connections.all().forEach(c -> c.send(new Posted("ANNOUNCEMENT " + announce.text(),
                from.credentials().username())));
    }

    /** Server code calling into a connected client by its identity (restpipe), from an ordinary call. */
    @Export(auth = "NormalUser")
    public Object askClient(String clientIdentity, String method, List<Object> args)
            throws InterruptedException, ExecutionException, TimeoutException {
        Result<Object> reply = connections.callClient(clientIdentity, method, args, Duration.ofSeconds(5))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return reply;
    }

    @Export(auth = "all")
    public int connectionsOf(String clientIdentity) {
        return connections.byClientIdentity(clientIdentity).size();
    }
}
