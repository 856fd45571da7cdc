package io.gatehouse.api.files;

import io.gatehouse.api.Errors;
import io.gatehouse.api.ServiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One directory whose files callers name by relative paths: every name a caller sends is resolved here, and
 * anything that would leave the directory is refused with an S_ERROR ({@link ServiceException}): an absolute
 * path, {@code ..}, a symbolic link pointing outside, and anything that is not a regular file or a directory
 * (devices, pipes, sockets). Names are checked when they are resolved; the directory is expected to belong to the
 * service, not to its callers.
 */
public final class FileArea {

    private final Path root;

    /**
     * @param root an existing directory
     * @throws IllegalArgumentException when it is not one
     */
    public FileArea(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("no directory " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
    }

    /** The directory itself, as a real path. */
    public Path root() {
        return root;
    }

    /** An existing regular file; ENOENT when there is none, EISDIR for a directory, EACCES when refused. */
    public Path existingFile(String name) {
        if (name == null || name.isEmpty()) {
            throw new ServiceException(Errors.EINVAL, "no file name given");
        }
        Path real = existing(name);
        if (Files.isDirectory(real)) {
            throw new ServiceException(Errors.EISDIR, name + " is a directory");
        }
        requireRegular(name, real);
        return real;
    }

    /** An existing directory; {@code ""} or {@code "."} is the area itself. */
    public Path existingDirectory(String name) {
        Path real = name.isEmpty() || name.equals(".") ? root : existing(name);
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ServiceException(Errors.EINVAL, name + " is not a directory");
        }
        return real;
    }

    /**
     * Where a file of that name is to be written: its directory exists inside the area, and the name is free or a
     * regular file (to be replaced). A link in the last place is refused, whatever it points to.
     */
    public Path fileToWrite(String name) {
        Path candidate = inside(name);
        Path parent = candidate.getParent();
        if (candidate.equals(root) || parent == null) {
            throw new ServiceException(Errors.EINVAL, "no file name given");
        }
        Path realParent = realInside(name, parent);
        if (!Files.isDirectory(realParent)) {
            throw new ServiceException(Errors.ENOENT, "no directory for " + name);
        }
        Path target = realParent.resolve(candidate.getFileName());
        try {
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new ServiceException(Errors.EACCES, name + " exists and is not a regular file");
            }
        } catch (NoSuchFileException e) {
            // free: to be created
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot check " + name + ": " + e.getMessage());
        }
        return target;
    }

    /** The caller's name for a path of the area, with {@code /} separators. */
    public String nameOf(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private Path existing(String name) {
        return realInside(name, inside(name));
    }

    /** The name resolved and normalised, refused when it is absolute or climbs out. */
    private Path inside(String name) {
        if (name == null || name.indexOf('\0') >= 0) {
            throw new ServiceException(Errors.EINVAL, "no file name given");
        }
        Path relative;
        try {
            relative = root.getFileSystem().getPath(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ServiceException(Errors.EINVAL, "not a file name: " + e.getReason());
        }
        if (relative.isAbsolute() || name.startsWith("/")) {
            throw new ServiceException(Errors.EACCES, name + " is absolute: give a path inside the directory");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new ServiceException(Errors.EACCES, name + " climbs out with ..: give a path inside the"
                        + " directory");
            }
        }
        return root.resolve(relative).normalize();
    }

    /** The real path, links followed, refused when a link leads outside. */
    private Path realInside(String name, Path candidate) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ServiceException(Errors.ENOENT, "no file " + name);
        } catch (IOException e) {
            throw new ServiceException(Errors.EIO, "cannot read " + name + ": " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new ServiceException(Errors.EACCES, name + " is a link that leaves the directory");
        }
        return real;
    }

    private static void requireRegular(String name, Path real) {
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ServiceException(Errors.EACCES, name + " is not a regular file");
        }
    }
}
