package io.gatehouse.client.cli;

import io.gatehouse.api.Errors;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.gatehouse.client.CallResult;
import io.gatehouse.client.FileTransfer;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.TransferOptions;
import io.gatehouse.client.TransferProgress;

/** What get-file and put-file share: the progress bar, the report line, the failures. */
abstract class TransferCommand extends CallingCommand {

    /** Whether to draw a progress bar: on a terminal, and not with --json. */
    boolean showProgress() {
        return !json && System.console() != null;
    }

    /** Runs the transfer with a progress bar when {@link #showProgress()}; a call that could not be made fails. */
    FileTransfer run(GatehouseClient client, List<String> urls, String label, TransferOptions options,
                     Transfer transfer) {
        ProgressBar bar = showProgress() ? new ProgressBar(err(), label) : null;
        try {
            return transfer.run(client, bar == null ? options : options.withProgress(bar));
        } catch (RuntimeException e) {
            throw Failures.ofCall(e, urls, connection);
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
    }

    /** A transfer to run with these options. */
    interface Transfer {
        FileTransfer run(GatehouseClient client, TransferOptions options);
    }

    /** Prints a success: one line, or one JSON object with --json; exit code 0. */
    int report(String verb, FileTransfer transfer, JsonValue value) {
        double seconds = transfer.elapsed().toNanos() / 1e9;
        if (json) {
            JsonObjectBuilder line = Json.createObjectBuilder()
                    .add("ok", true)
                    .add("file", transfer.file().toString())
                    .add("bytes", transfer.checksum().size())
                    .add("adler32", transfer.checksum().adler32())
                    .add("sha256", transfer.checksum().sha256())
                    .add("verified", transfer.verified())
                    .add("transferred", transfer.bytesTransferred())
                    .add("seconds", Math.round(seconds * 1000) / 1000.0)
                    .add("attempts", transfer.attempts())
                    .add("url", String.valueOf(transfer.url()));
            if (value != null) {
                line.add("value", value);
            }
            out().println(line.build());
        } else {
            double rate = seconds > 0 ? transfer.bytesTransferred() / seconds : 0;
            out().println(verb + " " + transfer.file() + " " + transfer.checksum().size() + " bytes adler32="
                    + transfer.checksum().adler32() + " sha256=" + transfer.checksum().sha256() + " in "
                    + String.format(Locale.ROOT, "%.1f s", seconds) + " (" + ProgressBar.rate(rate) + ")"
                    + (transfer.verified() ? "" : " UNVERIFIED"));
        }
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * The failure of a transfer: local files (2), the service's answer (1, 5, 6), no connection or a transfer cut
     * short (4, 7). With --json, the failure is also printed as a JSON object.
     */
    CliFailure failure(FileTransfer transfer, String method, String hint) {
        if (json) {
            out().println(Json.createObjectBuilder()
                    .add("ok", false)
                    .add("file", transfer.file().toString())
                    .add("errno", transfer.errno())
                    .add("message", transfer.message())
                    .add("attempts", transfer.attempts())
                    .build());
            out().flush();
        }
        int errno = transfer.errno();
        if (transfer.httpStatus() == 0 && (errno == Errors.EOF || errno == Errors.ERF || errno == Errors.EWF
                || errno == Errors.EISDIR || errno == Errors.ENOENT)) {
            return new CliFailure(ExitCodes.USAGE, transfer.message());
        }
        if (transfer.httpStatus() == 0 && errno == Errors.EIO) {
            return new CliFailure(ExitCodes.TIMEOUT, transfer.message() + (hint == null ? "" : "\n  " + hint));
        }
        CallResult result = CallResult.error(errno, transfer.message(), transfer.httpStatus(), transfer.url());
        CliFailure failure = Failures.ofResult(result, method, connection);
        return failure != null ? failure : new CliFailure(ExitCodes.SERVICE_ERROR, transfer.message());
    }

    /** The absolute form of a path, for messages. */
    static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
