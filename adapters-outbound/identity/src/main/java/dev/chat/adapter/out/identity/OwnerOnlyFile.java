package dev.chat.adapter.out.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A secret kept in a file of the data folder, readable by its owner only, created on first use: the
 * embedded issuer's signing key, the presence sessions' secret. A file found readable by others is
 * restricted (and said so in the log); a new one is written aside and moved in, so that a crash
 * never leaves half a secret behind.
 */
final class OwnerOnlyFile {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFile.class);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final String what;

    OwnerOnlyFile(Path file, String what) {
        this.file = file.toAbsolutePath();
        this.what = what;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The file's text, its permissions tightened first if they were loose. */
    String read() throws IOException {
        restrictIfLoose();
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The file's text; when there is no file yet, it is first created with {@code content} (and that is logged). */
    String readOrCreate(Supplier<String> content) throws IOException {
        if (!exists()) {
            create(content);
            LOG.info("{}: new secret written to {}", what, file);
        }
        return read();
    }

    /** Writes {@code content} into a new file (readable by its owner only). */
    void create(Supplier<String> content) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder.getParent());
        boolean posix = Files.getFileStore(folder.getParent()).supportsFileAttributeView("posix");
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, attributes(posix, OWNER_ONLY_FOLDER));
            } catch (FileAlreadyExistsException createdMeanwhile) {
                // another start created it first: use it
            }
        }
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", attributes(posix, OWNER_READ_WRITE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.get().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (!posix) {
            LOG.warn("{}: the file system of {} has no POSIX permissions; protect the file yourself", what, file);
        }
    }

    private void restrictIfLoose() throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
        if (!OWNER_READ_WRITE.containsAll(current)) {
            LOG.warn("{}: {} was readable by others ({}); restricting it to its owner",
                    what, file, PosixFilePermissions.toString(current));
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }

    private static FileAttribute<?>[] attributes(boolean posix, Set<PosixFilePermission> permissions) {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
