package io.tabhook;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner can read: every one tabhook keeps in the user's home ({@code ~/.tabhook} and
 * its folders, the shell's history, journals) and any file that holds a secret (a Postman environment exported with
 * its secrets). Folders are 0700 and files 0600 from the moment they exist, never world-readable in between; one
 * made earlier with wider permissions is narrowed when tabhook next uses it. Where the file system has no POSIX
 * permissions (Windows), the user's own profile already keeps others out, and these are plain file operations.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** The folder and any missing parents, each new one 0700; the folder itself narrowed to 0700 if it was wider. */
    public static Path folder(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (!posix(abs)) {
            Files.createDirectories(abs);
            return dir;
        }
        create(abs);
        narrow(abs, FOLDER);
        return dir;
    }

    private static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (dir.getParent() != null) create(dir.getParent());
        try {
            Files.createDirectory(dir, attribute(FOLDER));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) throw raced;
        }
    }

    /** The file, created empty as 0600 when missing (its folder by {@link #folder}), or narrowed to 0600. */
    public static Path file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) folder(parent);
        if (!posix(file.toAbsolutePath())) {
            if (!Files.exists(file)) Files.createFile(file);
            return file;
        }
        try {
            Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException exists) {
            narrow(file, FILE);
        }
        return file;
    }

    /**
     * Writes {@code bytes} as the whole of {@code file}, 0600: into a new owner-only file beside it, then moved over
     * it, so neither a reader nor a crash ever sees a half-written or world-readable file.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) folder(parent);
        Path tmp = posix(abs) ? Files.createTempFile(parent, ".tabhook-", ".tmp", attribute(FILE))
                : Files.createTempFile(parent, ".tabhook-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void narrow(Path p, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(p).equals(wanted)) Files.setPosixFilePermissions(p, wanted);
    }

    /** Whether the file system has POSIX permissions (asked of the file system, not the mount: no /proc read). */
    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
