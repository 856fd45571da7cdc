package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.ServiceException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * restpipe's example event handler, offered by a client to the service it is connected to
 * ({@link MessageClient#offer}): {@code time} and {@code cat}, the text of a file under one directory. A path
 * that leaves the directory ({@code ..}, an absolute path, a symbolic link pointing out) is refused, as is anything
 * but a regular file, or a file larger than the limit.
 */
public final class LocalFiles {

    private final Path root;
    private final long maxBytes;

    /**
     * @param root     the directory whose files {@code cat} may read
     * @param maxBytes the largest file {@code cat} returns (a call's reply is held in memory on both sides)
     */
    public LocalFiles(Path root, long maxBytes) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("no directory " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        this.maxBytes = maxBytes;
    }

    /** The client's clock, UTC. */
    @Export
    public String time() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The text (UTF-8) of {@code path}, relative to the directory. */
    @Export
    public String cat(String path) {
        Path file = resolve(path);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ServiceException(Errors.EINVAL, path + " holds " + size + " bytes, more than "
                        + maxBytes);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The file {@code path} names inside the directory, following links only where they stay inside. */
    Path resolve(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new ServiceException(Errors.EINVAL, "no file name given");
        }
        Path relative = Path.of(path);
        if (relative.isAbsolute()) {
            throw new ServiceException(Errors.EACCES, path + " is absolute: give a path inside the directory");
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            throw new ServiceException(Errors.EACCES, path + " leaves the directory");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new ServiceException(Errors.ENOENT, "no file " + path);
        }
        if (!real.startsWith(root)) {
            throw new ServiceException(Errors.EACCES, path + " is a link that leaves the directory");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ServiceException(Errors.EACCES, path + " is not a regular file");
        }
        return real;
    }
}
