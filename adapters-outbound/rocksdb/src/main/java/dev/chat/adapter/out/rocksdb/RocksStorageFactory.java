package dev.chat.adapter.out.rocksdb;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The one RocksDB database of a server, in {@code <chat.data-dir>/messages}; opened only when an adapter needs it. */
@Factory
public class RocksStorageFactory {
    @Singleton
    @Bean(preDestroy = "close")
    RocksStorage rocksStorage(@Value("${chat.data-dir:./data}") String dataDir,
                              @Value("${chat.storage.block-cache:32MB}") @ReadableBytes long blockCache,
                              @Value("${chat.storage.background-jobs:" + RocksStorage.DEFAULT_BACKGROUND_JOBS + "}") int backgroundJobs,
                              @Value("${chat.storage.compaction-priority:}") String compactionPriority,
                              BeanProvider<MeterRegistry> meters) {
        // the registry is resolved before the storage opens: a failure to create it then leaves no database open
        // (and no binder: a binder would open the storage in a process that has no use for it)
        MeterRegistry registry = meters.isPresent() ? meters.get() : null;
        RocksStorage storage = new RocksStorage(Path.of(dataDir).toAbsolutePath().resolve("messages"), blockCache, backgroundJobs,
                compactionPriority.isBlank() ? RocksStorage.DEFAULT_COMPACTION_PRIORITY : CompactionPriority.of(compactionPriority));
        if (registry != null) {
            RocksStorageMeters.register(storage, registry);
        }
        return storage;
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
