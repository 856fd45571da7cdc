package io.gatehouse.runtime.dispatch;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whatever escapes the call path still becomes an S_ERROR with the right status and without a class name: a
 * {@link CallFailure} its own reply, a body over its limit a 413, a body the client stopped sending a 400 with a
 * one-line log entry, and anything else a 500 with an incident id (the trace goes to the log once, under that id).
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable exception) {
        return Replies.failure(classify(exception), headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    /** The failure a throwable stands for, looking through the wrappers readers and containers add. */
    static CallFailure classify(Throwable exception) {
        CallFailure known = known(exception);
        if (known != null) {
            return known;
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "incident " + incident + ": unexpected failure outside a method", exception);
        return new CallFailure(500, 0, "internal error, incident " + incident);
    }

    /** The failure for a throwable the call path knows (its own, an oversized or unreadable body), else null. */
    static CallFailure known(Throwable exception) {
        // A CallFailure anywhere in the chain says it all, also one wrapped in an IOException on purpose.
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CallFailure failure) {
                return failure;
            }
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge.failure();
            } else if (cause instanceof IOException io) {
                return RequestBodyFilter.unreadable(io);
            }
        }
        return null;
    }
}
