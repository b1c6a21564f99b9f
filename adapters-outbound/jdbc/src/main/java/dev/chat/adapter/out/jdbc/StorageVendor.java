package dev.chat.adapter.out.jdbc;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

import java.util.Locale;

/**
 * The database the adapters run on, chosen by {@code datasources.default.dialect} (H2 when unset).
 * Micronaut Data computes its SQL at compile time per dialect, so every repository exists once per
 * vendor and these conditions pick the one matching the configuration.
 */
public enum StorageVendor {
    H2,
    POSTGRES;

    public static final String DIALECT_PROPERTY = "datasources.default.dialect";

    public static StorageVendor of(String dialect) {
        String name = dialect == null || dialect.isBlank() ? "H2" : dialect.strip().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "H2" -> H2;
            case "POSTGRES", "POSTGRESQL" -> POSTGRES;
            default -> throw new IllegalStateException(DIALECT_PROPERTY + " is " + dialect
                    + "; the JDBC adapters support H2 and POSTGRES");
        };
    }

    public static StorageVendor configured(PropertyResolver properties) {
        return of(properties.getProperty(DIALECT_PROPERTY, String.class).orElse(null));
    }

    /** Active when the configured database is H2 (the embedded default). */
    public static final class IsH2 implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return configured(context) == H2;
        }
    }

    /** Active when the configured database is PostgreSQL. */
    public static final class IsPostgres implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return configured(context) == POSTGRES;
        }
    }
}
