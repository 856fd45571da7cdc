package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Credentials;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.wire.ConnectionFrames;
import io.gatehouse.api.wire.ConnectionFrames.Frame;
import io.gatehouse.runtime.identity.CallerCredentials;
import io.gatehouse.runtime.identity.IdentityCache;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted stable connection: its identity, and an ordered, bounded queue of frames to write, so that any
 * thread may send at any time and a client that stops reading is cut off instead of filling the heap.
 */
public final class LiveConnection implements Connection {

    private static final Logger LOG = Logger.getLogger(LiveConnection.class.getName());

    private record Pending(String text, CompletableFuture<Void> written) {
    }

    private final String service;
    private final String transportId;
    private final String clientIdentity;
    /** Resolved again from {@link #chain} as frames arrive, as a kept HTTPS connection's are at each call. */
    private volatile CallerCredentials credentials;
    private final X509Certificate[] chain;
    private final Map<String, Object> parameters;
    private final MessagingDeclaration declaration;
    private final Session session;
    private final int maxQueuedFrames;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;
    private volatile boolean open = true;

    LiveConnection(String service, String transportId, String clientIdentity, CallerCredentials credentials,
                   X509Certificate[] chain, Map<String, Object> parameters, MessagingDeclaration declaration,
                   Session session, int maxQueuedFrames) {
        this.service = service;
        this.transportId = transportId;
        this.clientIdentity = clientIdentity;
        this.credentials = credentials;
        this.chain = chain;
        this.parameters = parameters;
        this.declaration = declaration;
        this.session = session;
        this.maxQueuedFrames = maxQueuedFrames;
    }

    /**
     * The caller as of now: the chain resolved again (cached; validated again against CAs and CRLs every recheck
     * interval, registry edits applied, expiry checked).
     *
     * @return why the chain is no longer accepted, if it is not
     */
    Optional<String> recheck(IdentityCache identities) {
        if (chain == null) {
            return Optional.empty(); // a visitor stays a visitor
        }
        IdentityCache.Resolution resolution = identities.resolve(chain);
        if (resolution.refusal().isPresent()) {
            return resolution.refusal();
        }
        credentials = resolution.caller();
        return Optional.empty();
    }

    public String service() {
        return service;
    }

    @Override
    public String transportId() {
        return transportId;
    }

    @Override
    public String clientIdentity() {
        return clientIdentity;
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    /** The caller's credentials as the runtime knows them. */
    public CallerCredentials caller() {
        return credentials;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public CompletionStage<Void> send(Record message) {
        String name = MessagingDeclaration.nameOf(message.getClass());
        if (declaration.messages().get(name) != message.getClass()) {
            throw new IllegalArgumentException(message.getClass().getName() + " is not a message of " + service);
        }
        return write(new ConnectionFrames.Message(name, ConnectionFrames.fieldsOf(message),
                Optional.empty()));
    }

    @Override
    public boolean isOpen() {
        return open && session.isOpen();
    }

    @Override
    public void close(String reason) {
        closeWith(CloseReason.CloseCodes.NORMAL_CLOSURE, reason);
    }

    /** Writes a frame after those already queued; fails at once when the connection is gone or too far behind. */
    CompletableFuture<Void> write(Frame frame) {
        return write(ConnectionFrames.write(frame));
    }

    private CompletableFuture<Void> write(String text) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        boolean startWriting;
        synchronized (queue) {
            if (!isOpen()) {
                written.completeExceptionally(new IOException("the connection " + transportId + " is closed"));
                return written;
            }
            if (queue.size() >= maxQueuedFrames) {
                written.completeExceptionally(new IOException("the client of " + transportId
                        + " reads too slowly: " + maxQueuedFrames + " frames wait"));
                startWriting = false;
            } else {
                queue.add(new Pending(text, written));
                startWriting = !writing;
                writing = true;
            }
        }
        if (written.isCompletedExceptionally()) {
            closeWith(CloseReason.CloseCodes.TRY_AGAIN_LATER, "you read too slowly");
        } else if (startWriting) {
            writeNext();
        }
        return written;
    }

    private void writeNext() {
        Pending next;
        synchronized (queue) {
            next = queue.poll();
            if (next == null) {
                writing = false;
                return;
            }
        }
        Pending current = next;
        try {
            session.getAsyncRemote().sendText(current.text(), result -> {
                if (result.isOK()) {
                    current.written().complete(null);
                } else {
                    current.written().completeExceptionally(result.getException());
                }
                writeNext();
            });
        } catch (RuntimeException e) {
            current.written().completeExceptionally(e);
            failQueued();
        }
    }

    /** Sends a fatal error frame, then closes the connection with {@code code}. */
    void fail(CloseReason.CloseCode code, ConnectionFrames.ErrorFrame error) {
        write(error).whenComplete((ok, e) -> closeWith(code, error.message()));
    }

    void closeWith(CloseReason.CloseCode code, String reason) {
        open = false;
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, closeReasonText(reason)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing " + transportId, e);
        }
        failQueued();
    }

    /** The connection ended: whatever still waits fails. */
    void ended() {
        open = false;
        failQueued();
    }

    private void failQueued() {
        synchronized (queue) {
            for (Pending pending : queue) {
                pending.written().completeExceptionally(new IOException("the connection " + transportId
                        + " closed"));
            }
            queue.clear();
            writing = false;
        }
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    static String closeReasonText(String reason) {
        if (reason == null) {
            return "";
        }
        // The encoder stops at the last whole character that fits.
        ByteBuffer bytes = ByteBuffer.allocate(123);
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).encode(CharBuffer.wrap(reason), bytes, true);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }
}
