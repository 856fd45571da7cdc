package io.gatehouse.client;

/**
 * Told how far a file transfer has gone ({@link TransferOptions#withProgress}). Called on the thread that runs the
 * transfer, never concurrently, at most about every 100 ms, and once more when the last byte has passed.
 *
 * <p>{@code bytesDone} counts the whole file: a resumed download starts at the bytes already on disk. It only
 * grows, except when a download has to start over (the server ignored a Range, or the partial file did not fit
 * the file any more), when it goes back to 0.
 */
@FunctionalInterface
public interface TransferProgress {

    /**
     * @param bytesDone          bytes of the file received (or sent) so far
     * @param totalBytesOrMinus1 the file's size, or -1 while it is not known (a download without Content-Length)
     */
    void progress(long bytesDone, long totalBytesOrMinus1);
}
