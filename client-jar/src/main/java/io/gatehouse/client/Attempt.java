package io.gatehouse.client;

import java.net.URI;

/**
 * What came of a call at one URL.
 *
 * @param url           the URL
 * @param result        the result; for a URL that was not reached, the reply that said so (404, 503) or null
 * @param reachedMethod false when the call cannot have reached the method, so that the next URL may be tried
 * @param failure       why it was not reached, for the message when no URL serves the call
 */
record Attempt(URI url, CallResult result, boolean reachedMethod, String failure) {

    /** The call's outcome: no other URL is tried after it. */
    static Attempt reached(CallResult result) {
        return new Attempt(result.url(), result, true, null);
    }

    /** The call cannot have reached the method here. */
    static Attempt notReached(URI url, String failure, CallResult reply) {
        return new Attempt(url, reply, false, failure);
    }
}
