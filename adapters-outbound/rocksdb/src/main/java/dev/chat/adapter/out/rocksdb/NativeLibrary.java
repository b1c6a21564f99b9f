package dev.chat.adapter.out.rocksdb;

import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Loads RocksDB's native library from a copy kept in the data folder. RocksDB's own loader
 * extracts the 15 MB library from the jar into the temporary folder at every start (~0.2 s) and
 * leaves the copy behind whenever the process is killed; this one extracts it once per version.
 */
final class NativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
    private static boolean loaded;

    private NativeLibrary() {
    }

    static synchronized void load(Path cache) {
        if (loaded) {
            return;
        }
        try {
            URL resource = RocksDB.class.getClassLoader().getResource(Environment.getJniLibraryFileName("rocksdb"));
            if (resource != null) {
                // the name RocksDB.loadLibrary(paths) looks for in each folder
                Path folder = extractOnce(resource, Environment.getJniLibraryFileName("rocksdbjni"), cache);
                RocksDB.loadLibrary(List.of(folder.toString()));
                loaded = true;
                return;
            }
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("could not load RocksDB's native library from {}, falling back to RocksDB's loader: {}",
                    cache, e.toString());
        }
        RocksDB.loadLibrary();
        loaded = true;
    }

    /** The folder holding the library, extracted there unless an identical copy is there already. */
    private static Path extractOnce(URL resource, String name, Path cache) throws IOException {
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        // the size tells versions apart well enough to never load a stale copy by mistake in practice;
        // a copy that does not load makes load() fall back to RocksDB's own loader
        Path folder = cache.resolve("rocksdbjni-" + size);
        Path library = folder.resolve(name);
        if (Files.isRegularFile(library) && Files.size(library) == size) {
            return folder;
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, name, ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("extracted RocksDB's native library to {}", library);
        return folder;
    }
}
