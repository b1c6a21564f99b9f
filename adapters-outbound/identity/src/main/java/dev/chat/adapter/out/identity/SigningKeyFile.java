package dev.chat.adapter.out.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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
import java.text.ParseException;
import java.util.Date;
import java.util.Set;

/** The embedded issuer's private signing key in a JWK file, readable by its owner only, created on first use. */
final class SigningKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final int RSA_BITS = 2048;

    private final Path file;

    SigningKeyFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    static SigningKeyFile inDataDir(Path dataDir) {
        return new SigningKeyFile(dataDir.resolve("identity").resolve("signing-key.jwk"));
    }

    Path path() {
        return file;
    }

    /** The key kept in the file, or a new one written there when there is none yet. */
    JWK loadOrCreate() {
        try {
            if (Files.exists(file)) {
                return load();
            }
            return create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the embedded issuer's signing key in " + file, e);
        }
    }

    private JWK load() throws IOException {
        restrictIfLoose();
        JWK key;
        try {
            key = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key file " + file + " is not a JSON Web Key", e);
        }
        if (!key.isPrivate() || key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalStateException("the signing key file " + file + " must hold a private key with a kid");
        }
        LOG.info("embedded token issuer: signing key {} loaded from {}", key.getKeyID(), file);
        return key;
    }

    private JWK create() throws IOException {
        JWK key;
        try {
            key = new RSAKeyGenerator(RSA_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the embedded issuer's signing key", e);
        }
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
        // written aside and moved in, so that a crash never leaves a half-written key behind
        Path temporary = Files.createTempFile(folder, ".signing-key", ".tmp", attributes(posix, OWNER_READ_WRITE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key.toJSONString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (!posix) {
            LOG.warn("embedded token issuer: the file system of {} has no POSIX permissions; protect the key file yourself",
                    file);
        }
        LOG.info("embedded token issuer: new RSA {} signing key {} written to {}", RSA_BITS, key.getKeyID(), file);
        return key;
    }

    private void restrictIfLoose() throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
        if (!OWNER_READ_WRITE.containsAll(current)) {
            LOG.warn("embedded token issuer: {} was readable by others ({}); restricting it to its owner",
                    file, PosixFilePermissions.toString(current));
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }

    private static FileAttribute<?>[] attributes(boolean posix, Set<PosixFilePermission> permissions) {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
