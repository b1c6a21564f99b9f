package dev.chat.adapter.out.jdbc;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the adapters on a real H2 database in a folder of the test's choosing (see application-test.yml). */
public final class H2Store {
    private H2Store() {
    }

    public static ApplicationContext open(Path dataDir) {
        return open(dataDir, Map.of());
    }

    public static ApplicationContext open(Path dataDir, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("chat.data-dir", dataDir.toAbsolutePath().toString());
        return ApplicationContext.run(all, "test");
    }
}
