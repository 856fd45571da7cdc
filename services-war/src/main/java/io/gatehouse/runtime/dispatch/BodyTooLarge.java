package io.gatehouse.runtime.dispatch;

import java.io.IOException;

/**
 * A request body went over its caller's limit ({@link CallLimits}). An IOException, so that it passes through any
 * reader of the body unchanged and is answered as the 413 it is.
 */
final class BodyTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param how where it was counted: announced, while reading, after decompression */
    BodyTooLarge(long limit, String how) {
        super("the request body is larger than the limit of " + limit + " bytes (" + how + ")");
    }

    /** The 413 the caller receives. */
    CallFailure failure() {
        return new CallFailure(413, 0, getMessage() + "; callers with a registered certificate may send more"
                + " (see the server's gatehouse.max-body-bytes settings)");
    }
}
