package io.gatehouse.api.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * What an exported method returns to send a file or any stream of bytes (DIRAC's {@code streamToClient}): the
 * runtime sends it raw, {@code application/octet-stream}, in chunks at constant memory, with its length when known,
 * honouring an HTTP {@code Range} so that a client resumes an interrupted download, and computes its checksum as it
 * goes (README, "Files").
 *
 * <pre>{@code
 * @Export(auth = "authenticated")
 * public Download streamToClient(String name) {
 *     return Download.of(area.existingFile(name));
 * }
 * }</pre>
 *
 * <p>The content is opened only when the reply is about to be sent, and before anything is sent: a file that
 * cannot be opened then (gone, unreadable) is still a clean error reply, never an error inside the data.
 */
public final class Download {

    /** Opens the content at its first byte; called once per reply. */
    @FunctionalInterface
    public interface Source {
        /** The content from {@code offset} on. */
        InputStream open(long offset) throws IOException;
    }

    private final Source source;
    private final long length;
    private final long offset;
    private final String fileName;
    private final Path file;

    private Download(Source source, long length, long offset, String fileName, Path file) {
        this.source = source;
        this.length = length;
        this.offset = offset;
        this.fileName = fileName;
        this.file = file;
    }

    /** A file; its length is read when the reply is sent. */
    public static Download of(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        return new Download(at -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(at);
            return Channels.newInputStream(channel);
        }, -1, 0, name == null ? null : name.toString(), file);
    }

    /**
     * A stream, sent once; {@code length} is its number of bytes, or -1 when unknown (then the reply is chunked and
     * cannot be resumed with a Range past what the stream gives). The runtime closes it.
     */
    public static Download of(InputStream stream, long length) {
        Objects.requireNonNull(stream, "stream");
        return new Download(at -> {
            stream.skipNBytes(at);
            return stream;
        }, length, 0, null, null);
    }

    /** Content the source opens at any offset (for example a ranged read from storage), of a known length or -1. */
    public static Download of(Source source, long length) {
        return new Download(Objects.requireNonNull(source, "source"), length, 0, null, null);
    }

    /**
     * The same content from {@code offset} on: for a method that takes the offset as an argument, the way a caller
     * that cannot send a {@code Range} header resumes.
     */
    public Download from(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        return new Download(source, length, this.offset + offset, fileName, file);
    }

    /** The file name a browser would save it as ({@code Content-Disposition}). */
    public Download named(String name) {
        return new Download(source, length, offset, Objects.requireNonNull(name, "name"), file);
    }

    /** The content's bytes, from its offset on, as {@link #open()} will give them, with their number. */
    public Opened open() throws IOException {
        long total = file != null ? java.nio.file.Files.size(file) : length;
        long remaining = total < 0 ? -1 : Math.max(total - offset, 0);
        return new Opened(source.open(offset), remaining);
    }

    /** The file name, when there is one. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * Content opened for sending.
     *
     * @param stream the bytes
     * @param length their number, or -1 when unknown
     */
    public record Opened(InputStream stream, long length) {
    }
}
