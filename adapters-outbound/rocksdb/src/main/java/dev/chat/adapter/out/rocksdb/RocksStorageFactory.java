package dev.chat.adapter.out.rocksdb;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The one RocksDB database of a server, in {@code <chat.data-dir>/messages}; opened only when an adapter needs it. */
@Factory
public class RocksStorageFactory {
    @Singleton
    @Bean(preDestroy = "close")
    RocksStorage rocksStorage(@Value("${chat.data-dir:./data}") String dataDir) {
        return new RocksStorage(Path.of(dataDir).toAbsolutePath().resolve("messages"));
    }

    @Singleton
    RocksMessages rocksMessages(RocksStorage storage) {
        return new RocksMessages(storage);
    }

    @Singleton
    RocksLogRecords rocksLogRecords(RocksStorage storage) {
        return new RocksLogRecords(storage);
    }
}
