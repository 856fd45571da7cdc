package io.gatehouse.credentials;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader never sees a half-written PEM or key store (a proxy file replaced while a client
 * reads it, or a truncated file from an interrupted run taken as complete), and so that private material is never
 * readable by others, not even for an instant.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param secret true for private keys and key stores: mode 0600 where the file system is POSIX
     */
    public static void write(Path target, byte[] content, boolean secret) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // On POSIX file systems createTempFile creates the file with mode 0600, so a key is never exposed
        // through a wider default mode between creation and chmod.
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            if (isPosix(tmp)) {
                Files.setPosixFilePermissions(tmp, secret ? PRIVATE : PUBLIC);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether the file system of {@code path} has POSIX permissions (where the modes above apply). */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
