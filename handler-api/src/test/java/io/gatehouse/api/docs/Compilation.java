package io.gatehouse.api.docs;

import io.gatehouse.api.Handler;

import jakarta.enterprise.inject.Stereotype;

import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles sources written to a directory with the system compiler and the given processors, as a module built
 * against the handler API is: the handler API and the Jakarta EE API on the class path, {@code -parameters}, all
 * lint warnings on.
 */
final class Compilation {

    private final Path output;
    private final List<Diagnostic<? extends JavaFileObject>> diagnostics;

    private Compilation(Path output, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        this.output = output;
        this.diagnostics = diagnostics;
    }

    /**
     * Compiles {@code sources} (path relative to the source root, to content) into {@code directory/classes},
     * failing the test on any compilation error.
     */
    static Compilation compile(Path directory, Map<String, String> sources, List<Processor> processors,
                               Path... extraClassPath) throws IOException {
        Path sourceRoot = Files.createDirectories(directory.resolve("src"));
        Path output = Files.createDirectories(directory.resolve("classes"));
        List<File> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file.toFile());
        }
        List<String> classPath = new ArrayList<>(List.of(locationOf(Handler.class), locationOf(Stereotype.class)));
        for (Path extra : extraClassPath) {
            classPath.add(extra.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(collector, null,
                StandardCharsets.UTF_8)) {
            // -processing left out: javac's note that no processor claimed the annotations is expected (none does)
            List<String> options = List.of("--release", "17", "-parameters", "-Xlint:all,-processing",
                    "-d", output.toString(), "-cp", String.join(File.pathSeparator, classPath));
            JavaCompiler.CompilationTask task = compiler.getTask(null, fileManager, collector, options, null,
                    fileManager.getJavaFileObjectsFromFiles(files));
            task.setProcessors(processors);
            boolean compiled = task.call();
            assertTrue(compiled, () -> "compilation failed: " + collector.getDiagnostics());
        }
        return new Compilation(output, collector.getDiagnostics());
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path output() {
        return output;
    }

    /** Fails unless the compilation reported nothing at all: no warning, no note. */
    void assertQuiet() {
        assertEquals(List.of(), diagnostics.stream().map(d -> d.getKind() + ": " + d.getMessage(null))
                .collect(Collectors.toList()));
    }

    /** The recorded documentation of that class, if a resource was written for it. */
    Optional<Properties> docs(String binaryName) throws IOException {
        Path resource = output.resolve(DocKeys.resourceName(binaryName));
        if (!Files.exists(resource)) {
            return Optional.empty();
        }
        Properties docs = new Properties();
        try (InputStream in = Files.newInputStream(resource)) {
            docs.load(in);
        }
        return Optional.of(docs);
    }

    /** Every documentation resource written, by file name. */
    List<String> docResources() throws IOException {
        Path directory = output.resolve(DocKeys.DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** A fresh class loader over the output (and the test's own classes), as a deployment's would be. */
    URLClassLoader classLoader() throws MalformedURLException {
        return new URLClassLoader(new URL[] {output.toUri().toURL()}, Compilation.class.getClassLoader());
    }
}
