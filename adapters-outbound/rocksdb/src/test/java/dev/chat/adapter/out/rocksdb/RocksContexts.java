package dev.chat.adapter.out.rocksdb;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A Micronaut context with the RocksDB adapters switched on, on a data folder of the test's. */
final class RocksContexts {
    private RocksContexts() {
    }

    static ApplicationContext open(Path dataDir) {
        return open(dataDir, Map.of());
    }

    static ApplicationContext open(Path dataDir, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("chat.data-dir", dataDir.toString());
        properties.put("chat.log.backend", "rocksdb");
        properties.put("chat.messages.backend", "rocksdb");
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }
}
