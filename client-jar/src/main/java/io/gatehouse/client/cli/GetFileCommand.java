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

/** {@code gatehouse get-file URL [ARG...] -o FILE}. */
@Command(name = "get-file", sortOptions = false, mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        header = "Download a file from a service, verified by checksum, resuming where it stopped.",
        description = {
            "Calls the download method (streamToClient, as DIRAC's receiveFile does) of the service at URL with the"
                    + " arguments ARG... and writes the file it streams to FILE.",
            "",
            "The file is written to FILE.part, then compared with the server's adler32 and SHA-256 of the whole"
                    + " file; only when they match is it renamed to FILE. A transfer cut short is resumed"
                    + " automatically (an HTTP Range from the bytes already received), and a FILE.part left by an"
                    + " earlier run is continued, unless --no-resume. A mismatch deletes FILE.part.",
            "",
            "Each ARG is one JSON value or a bare word (a string), as for 'gatehouse call'.",
            "On a terminal a progress bar is drawn on standard error. On success one line goes to standard output:"
                    + " received FILE N bytes adler32=... sha256=... in T s (R MiB/s); with --json, one JSON"
                    + " object: file, bytes, adler32, sha256, seconds, attempts...",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse get-file https://localhost:8443/Data/Files /vo/run1/f.dst -o f.dst",
            "  gatehouse get-file --json --method getLog https://host:8443/WMS/Jobs 1234 -o job1234.log",
        })
final class GetFileCommand extends TransferCommand {

    @Parameters(index = "0", paramLabel = "URL",
            description = "The service: https://host:port/System/Component.")
    String url;

    @Parameters(index = "1..*", paramLabel = "ARG",
            description = "The method's arguments, each a JSON value or a bare word (a string).")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", order = 2,
            description = "The file to write (replaced when the download succeeds).")
    Path output;

    @Option(names = "--method", paramLabel = "NAME", order = 3,
            description = "The download method (default: " + Transfers.DOWNLOAD_METHOD + ").")
    String method = Transfers.DOWNLOAD_METHOD;

    @Option(names = "--no-resume", order = 4,
            description = "Start over: discard FILE.part from an earlier run, and do not keep one on failure.")
    boolean noResume;

    @Override
    public Integer call() {
        List<String> urls = connection.urls(List.of(url));
        if (method == null || method.isBlank()) {
            throw CliFailure.usage("--method needs a method name");
        }
        Path file = absolute(output);
        if (Files.isDirectory(file)) {
            throw CliFailure.usage("-o " + output + " is a directory: give the file to write");
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw CliFailure.usage("-o " + output + ": there is no directory " + file.getParent());
        }
        List<Object> values = CallArguments.parse(arguments);
        TransferOptions options = TransferOptions.defaults().withResume(!noResume);
        GatehouseClient client = connect(urls);
        try {
            FileTransfer transfer = run(client, urls, file.getFileName().toString(), options,
                    (c, o) -> c.receiveFile(file, o, method, values.toArray()));
            if (!transfer.ok()) {
                throw failure(transfer, method, noResume ? null
                        : "Run the same command again to resume from what was received.");
            }
            return report("received", transfer, null);
        } finally {
            close(client);
        }
    }
}
