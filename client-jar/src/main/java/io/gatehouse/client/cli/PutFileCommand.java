package io.gatehouse.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gatehouse.api.wire.Transfers;
import io.gatehouse.client.FileTransfer;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.TransferOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse put-file URL FILE [ARG...]}. */
@Command(name = "put-file", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Upload a file to a service, verified by checksum.",
        description = {
            "Streams FILE to the upload method (streamFromClient) of the service at URL, with the method's other"
                    + " arguments ARG..., and checks the adler32 and SHA-256 of what the service read against"
                    + " the file's.",
            "",
            "Each ARG is one JSON value or a bare word (a string), as for 'gatehouse call'. An upload is a call:"
                    + " it is not repeated once it has started.",
            "On a terminal a progress bar is drawn on standard error. On success one line goes to standard output:"
                    + " sent FILE N bytes adler32=... sha256=... in T s (R MiB/s); with --json, one JSON object:"
                    + " file, bytes, adler32, sha256, seconds, attempts, and the method's value.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse put-file https://localhost:8443/Data/Files f.dst /vo/run1/f.dst",
            "  gatehouse put-file --json --method putLog https://host:8443/WMS/Jobs job.log 1234",
        })
final class PutFileCommand extends TransferCommand {

    @Parameters(index = "0", paramLabel = "URL",
            description = "The service: https://host:port/System/Component.")
    String url;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to send.")
    Path input;

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "The method's other arguments, each a JSON value or a bare word (a string).")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--method", paramLabel = "NAME", order = 2,
            description = "The upload method (default: " + Transfers.UPLOAD_METHOD + ").")
    String method = Transfers.UPLOAD_METHOD;

    @Override
    public Integer call() {
        List<String> urls = connection.urls(List.of(url));
        if (method == null || method.isBlank()) {
            throw CliFailure.usage("--method needs a method name");
        }
        Path file = absolute(input);
        if (Files.isDirectory(file)) {
            throw CliFailure.usage(input + " is a directory: give a file to send");
        }
        if (!Files.isRegularFile(file)) {
            throw CliFailure.usage("there is no file " + input);
        }
        if (!Files.isReadable(file)) {
            throw CliFailure.usage("cannot read " + input);
        }
        List<Object> values = CallArguments.parse(arguments);
        GatehouseClient client = connect(urls);
        try {
            FileTransfer transfer = run(client, urls, file.getFileName().toString(), TransferOptions.defaults(),
                    (c, o) -> c.sendFile(file, o, method, values.toArray()));
            if (!transfer.ok()) {
                throw failure(transfer, method, "Check on the service whether the file arrived before sending it "
                        + "again.");
            }
            return report("sent", transfer, transfer.result() == null ? null : transfer.result().value());
        } finally {
            close(client);
        }
    }
}
