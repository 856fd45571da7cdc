package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.api.ServiceException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFilesTest {

    @TempDir
    Path temp;

    @Test
    void catReadsAFileUnderTheDirectoryAndNothingElse() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/inner.txt"), "inner");
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("in"), root.resolve("hello.txt"));
        Files.writeString(root.resolve("big.txt"), "x".repeat(100));
        LocalFiles files = new LocalFiles(root, 50);

        assertEquals("hello\n", files.cat("hello.txt"));
        assertEquals("inner", files.cat("sub/inner.txt"));
        assertEquals("inner", files.cat("sub/./inner.txt"));
        assertEquals("hello\n", files.cat("in"), "a link that stays inside is followed");

        refused(files, "../secret.txt", Errors.EACCES, "climbs out");
        refused(files, "sub/../../secret.txt", Errors.EACCES, "climbs out");
        refused(files, "sub/../sub/inner.txt", Errors.EACCES, "climbs out");
        refused(files, temp.resolve("secret.txt").toString(), Errors.EACCES, "is absolute");
        refused(files, "out", Errors.EACCES, "a link that leaves the directory");
        refused(files, "sub", Errors.EISDIR, "is a directory");
        refused(files, "missing.txt", Errors.ENOENT, "no file missing.txt");
        refused(files, "big.txt", Errors.EINVAL, "more than 50");
        refused(files, "", Errors.EINVAL, "no file name");
        if (Files.exists(Path.of("/dev/null"))) {
            LocalFiles dev = new LocalFiles(Path.of("/dev"), 50);
            refused(dev, "null", Errors.EACCES, "not a regular file");
        }
    }

    @Test
    void timeIsTheClientsClockInIsoForm() {
        assertTrue(new LocalFiles(temp, 1).time().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z"));
    }

    private static void refused(LocalFiles files, String path, int errno, String reason) {
        ServiceException e = assertThrows(ServiceException.class, () -> files.cat(path), path);
        assertEquals(errno, e.errno(), path + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), path + ": " + e.getMessage());
    }
}
