package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.Export;
import io.gatehouse.api.ServiceException;
import io.gatehouse.api.files.FileArea;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * restpipe's example event handler, offered by a client to the service it is connected to
 * ({@link MessageClient#offer}): {@code time} and {@code cat}, the text of a file under one directory. A path
 * that could leave the directory ({@code ..}, an absolute path, a symbolic link pointing out) is refused, as is
 * anything but a regular file, or a file larger than the limit ({@link FileArea}).
 */
public final class LocalFiles {

    private final FileArea area;
    private final long maxBytes;

    /**
     * @param root     the directory whose files {@code cat} may read
     * @param maxBytes the largest file {@code cat} returns (a call's reply is held in memory on both sides)
     */
    public LocalFiles(Path root, long maxBytes) {
        this.area = new FileArea(root);
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
        Path file = area.existingFile(path);
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
}
