package io.gatehouse.api.files;

import io.gatehouse.api.ServiceException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileAreaTest {

    @TempDir
    Path temp;

    private FileArea area() throws IOException {
        Path root = Files.createDirectories(temp.resolve("area"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.txt"), "b");
        Files.writeString(temp.resolve("secret.txt"), "s");
        Files.createSymbolicLink(root.resolve("out.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("in.txt"), root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), temp);
        return new FileArea(root);
    }

    private static void assertRefused(int errno, String reason, Runnable resolve) {
        ServiceException e = assertThrows(ServiceException.class, resolve::run);
        assertEquals(errno, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void namesInsideResolve() throws IOException {
        FileArea area = area();
        assertEquals(area.root().resolve("a.txt"), area.existingFile("a.txt"));
        assertEquals(area.root().resolve("sub/b.txt"), area.existingFile("sub/b.txt"));
        assertEquals(area.root().resolve("sub/b.txt"), area.existingFile("sub/./b.txt"));
        assertEquals(area.root().resolve("a.txt"), area.existingFile("in.txt"), "a link that stays inside");
        assertEquals(area.root(), area.existingDirectory(""));
        assertEquals("sub/b.txt", area.nameOf(area.existingFile("sub/b.txt")));
    }

    @Test
    void everyWayOutIsRefused() throws IOException {
        FileArea area = area();
        assertRefused(13, "climbs out", () -> area.existingFile("../secret.txt"));
        assertRefused(13, "climbs out", () -> area.existingFile("sub/../../secret.txt"));
        assertRefused(13, "climbs out", () -> area.existingFile("sub/../a.txt"));
        assertRefused(13, "is absolute", () -> area.existingFile(temp.resolve("secret.txt").toString()));
        assertRefused(13, "link that leaves", () -> area.existingFile("out.txt"));
        assertRefused(13, "link that leaves", () -> area.existingFile("outdir/secret.txt"));
        assertRefused(13, "link that leaves", () -> area.fileToWrite("outdir/new.txt"));
        assertRefused(13, "not a regular file", () -> area.fileToWrite("out.txt"));
        assertRefused(22, "no file name", () -> area.existingFile("a\0b"));
        assertRefused(2, "no file", () -> area.existingFile("missing.txt"));
        assertRefused(22, "no file name", () -> area.existingFile(""));
        assertRefused(21, "is a directory", () -> area.existingFile("sub"));
        assertRefused(22, "not a directory", () -> area.existingDirectory("a.txt"));
    }

    @Test
    void devicesAndPipesAreNotFiles() throws Exception {
        FileArea area = area();
        Path fifo = area.root().resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertRefused(13, "not a regular file", () -> area.existingFile("pipe"));
        assertRefused(13, "not a regular file", () -> area.fileToWrite("pipe"));
        Files.createSymbolicLink(area.root().resolve("null"), Path.of("/dev/null"));
        assertRefused(13, "link that leaves", () -> area.existingFile("null"));
    }

    @Test
    void aFileToWriteNeedsItsDirectory() throws IOException {
        FileArea area = area();
        assertEquals(area.root().resolve("sub/new.txt"), area.fileToWrite("sub/new.txt"));
        assertEquals(area.root().resolve("a.txt"), area.fileToWrite("a.txt"), "an existing file is replaced");
        assertRefused(2, "no file", () -> area.fileToWrite("nodir/new.txt"));
        assertRefused(22, "no file name", () -> area.fileToWrite(""));
    }
}
