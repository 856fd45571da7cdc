package io.gatehouse.testpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line, the reference the generated files are checked against. */
final class OpenSslCli {

    /** Exit status and combined stdout/stderr of one openssl run. */
    record Result(int exitCode, String output) {
        Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("openssl exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private OpenSslCli() {
    }

    static Path executable() {
        Path usual = Paths.get("/usr/bin/openssl");
        if (Files.isExecutable(usual)) {
            return usual;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("these tests check the PKI against the openssl command line, which was not found"
                + " (apt-get install openssl)");
    }

    static Result run(Path workingDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
