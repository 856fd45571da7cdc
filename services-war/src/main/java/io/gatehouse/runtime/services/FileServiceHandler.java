package io.gatehouse.runtime.services;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.Handler;
import io.gatehouse.api.ServiceException;
import io.gatehouse.api.ServiceOptions;
import io.gatehouse.api.files.Download;
import io.gatehouse.api.files.FileArea;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example file service: the files under one directory (the option {@code Directory}), listed, downloaded
 * (resumable, DIRAC's {@code streamToClient}), uploaded (streamed, or DIRAC's bytes-in-args form) and removed, each
 * with its own rule. Paths are the callers' names relative to the directory; {@link FileArea} refuses any that
 * would leave it. An upload is written beside its target and renamed onto it only once complete, so a failed or
 * cut upload never leaves a partial file under the name.
 */
@Handler("Framework/Files")
@ApplicationScoped
public class FileServiceHandler {

    private static final int CHUNK = 64 * 1024;

    @Inject
    ServiceOptions options;

    /**
     * The entries of a directory: name, type, size and last modification (UTC).
     *
     * @param path the directory, relative to the service's; {@code ""} for the top
     * @return one map per entry, sorted by name: {@code name}, {@code type} ({@code file}, {@code directory},
     *         {@code link} or {@code other}), {@code size} in bytes, {@code modified}
     */
    @Export(auth = "authenticated")
    public List<Map<String, Object>> listDirectory(String path) {
        FileArea area = area();
        Path directory = area.existingDirectory(path);
        List<Map<String, Object>> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
            for (Path entry : listing) {
                if (entry.getFileName().toString().startsWith(".upload-")) {
                    continue; // an upload in progress
                }
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", entry.getFileName().toString());
                item.put("type", attributes.isRegularFile() ? "file" : attributes.isDirectory() ? "directory"
                        : attributes.isSymbolicLink() ? "link" : "other");
                item.put("size", attributes.size());
                item.put("modified", LocalDateTime.ofInstant(attributes.lastModifiedTime().toInstant(),
                        ZoneOffset.UTC).withNano(0));
                entries.add(item);
            }
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot list " + path);
        }
        entries.sort(Comparator.comparing(item -> (String) item.get("name")));
        return entries;
    }

    /**
     * The file, from {@code offset} when given (the way to resume for a caller that cannot send an HTTP Range);
     * what DIRAC's {@code TornadoClient.receiveFile(destination, path)} calls.
     *
     * @param path the file, relative to the service's directory
     * @param offset where to start, in bytes; absent for the whole file
     * @return the file's content, streamed; HTTP ranges resume it too
     */
    @Export(auth = "authenticated")
    public Download streamToClient(String path, Optional<Long> offset) {
        Download file = Download.of(area().existingFile(path));
        return offset.isPresent() ? file.from(offset.get()) : file;
    }

    /**
     * Stores the request's body as the file, replacing it if it exists: a streamed upload.
     *
     * @param path the file to write, relative to the service's directory; its directory must exist
     * @param content the request's body
     * @return the file's {@code path} and its {@code size} in bytes
     */
    @Export(auth = "NormalUser")
    public Map<String, Object> streamFromClient(String path, InputStream content) {
        return store(path, content);
    }

    /**
     * Stores the bytes as the file: DIRAC's form of an upload, the content base64-tagged inside {@code args}.
     *
     * @param path the file to write, relative to the service's directory; its directory must exist
     * @param content the file's content
     * @return the file's {@code path} and its {@code size} in bytes
     */
    @Export(auth = "NormalUser")
    public Map<String, Object> storeBytes(String path, byte[] content) {
        return store(path, new ByteArrayInputStream(content));
    }

    /**
     * Removes the file.
     *
     * @param path the file, relative to the service's directory
     */
    @Export(auth = "ServiceAdministrator")
    public void removeFile(String path) {
        Path file = area().existingFile(path);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot remove " + path);
        }
    }

    private Map<String, Object> store(String path, InputStream content) {
        FileArea area = area();
        Path target = area.fileToWrite(path);
        Path partial;
        try {
            partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot write in the directory of " + path);
        }
        long size = 0;
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = content.read(buffer)) != -1; ) {
                    out.write(buffer, 0, n);
                    size += n;
                }
                // On disk before it takes the file's name: an S_OK is not undone by a crash of the machine.
                channel.force(true);
            }
            move(partial, target);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("the upload of " + path + " did not complete", e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("path", area.nameOf(target));
        stored.put("size", size);
        return stored;
    }

    private static void move(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    /** The new name on disk too. Where a directory cannot be opened for that (not POSIX), the rename stands as is. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported here: the file's content is on disk, its name as soon as the system writes it
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .upload-*.part file, hidden from listings
        }
    }

    private FileArea area() {
        String directory = options.get("Directory").orElseThrow(() -> new ServiceException(Errors.ECONF,
                "this service has no directory: set the option Directory of " + options.serviceName()));
        try {
            return new FileArea(Path.of(directory));
        } catch (IllegalArgumentException e) {
            throw new ServiceException(Errors.ECONF, "the directory of " + options.serviceName() + " is missing");
        }
    }
}
