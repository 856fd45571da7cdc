/**
 * File transfers (README, "Files"; PROTOCOL.md §9): a method's {@link io.gatehouse.api.files.Download} sent at
 * constant memory with HTTP ranges ({@link io.gatehouse.runtime.streaming.DownloadReplies}), a streamed upload read
 * by the method itself as it arrives ({@link io.gatehouse.runtime.streaming.UploadBody}), and the checksums of both,
 * kept for the receiver to verify ({@link io.gatehouse.runtime.streaming.TransferLedger}).
 */
package io.gatehouse.runtime.streaming;
