package dev.chat.adapter.out.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chat.adapter.out.cassandra.CassandraFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the versioned CQL files in order, once each, recording them in {@code schema_version}.
 * Every statement is {@code IF NOT EXISTS}, so a start interrupted half-way simply applies the rest
 * next time. An applied file whose text changed stops the start: write a new version instead.
 */
public final class SchemaMigrator {
    /** Every migration, in version order; {@code CqlScriptsTest} checks that no file in cql/ is missing. */
    public static final List<String> SCRIPTS = List.of(
            "V1__messages.cql",
            "V2__device_offsets.cql");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version int PRIMARY KEY, script text, checksum text, applied_at timestamp)";

    private final CqlSession session;

    public SchemaMigrator(CqlSession session) {
        this.session = session;
    }

    /** Applies what is missing; returns the versions applied now. */
    public List<Integer> migrate() {
        return migrate(SCRIPTS.stream().map(CqlScript::load).toList());
    }

    List<Integer> migrate(List<CqlScript> scripts) {
        try {
            session.execute(CREATE_VERSION_TABLE);
            Map<Integer, String> applied = new HashMap<>();
            for (Row row : session.execute("SELECT version, checksum FROM schema_version")) {
                applied.put(row.getInt("version"), row.getString("checksum"));
            }
            List<Integer> now = new ArrayList<>();
            for (CqlScript script : scripts) {
                String checksum = applied.get(script.version());
                if (checksum != null) {
                    if (!checksum.equals(script.checksum())) {
                        throw new IllegalStateException("cql/" + script.name() + " changed after it was applied"
                                + " (version " + script.version() + "): add a new version instead of editing it");
                    }
                    continue;
                }
                for (String statement : script.statements()) {
                    // the driver waits for schema agreement after each change
                    session.execute(SimpleStatement.newInstance(statement));
                }
                session.execute(SimpleStatement.newInstance(
                        "INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)",
                        script.version(), script.name(), script.checksum(), Instant.now()));
                LOG.info("applied CQL migration {}", script.name());
                now.add(script.version());
            }
            return List.copyOf(now);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CassandraFailure("applying the CQL migrations", e);
        }
    }
}
