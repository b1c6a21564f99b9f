package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.adapter.out.cassandra.schema.CqlScript;
import dev.chat.adapter.out.cassandra.schema.SchemaMigrator;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CQL migrations are listed, applied once each, and recorded in {@code schema_version}. */
class SchemaMigratorTest {
    @Test
    void every_cql_file_is_listed_in_version_order() throws URISyntaxException {
        URL folder = SchemaMigrator.class.getClassLoader().getResource("cql");
        assertThat(folder).isNotNull();
        String[] files = new File(folder.toURI()).list((dir, name) -> name.endsWith(".cql"));
        assertThat(files).isNotNull();
        assertThat(SchemaMigrator.SCRIPTS).containsExactlyInAnyOrder(files);
        List<Integer> versions = SchemaMigrator.SCRIPTS.stream().map(CqlScript::load).map(CqlScript::version).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_script_splits_into_statements_without_comments() {
        CqlScript messages = CqlScript.load("V1__messages.cql");
        assertThat(messages.version()).isEqualTo(1);
        assertThat(messages.statements()).hasSize(2).allSatisfy(statement -> {
            assertThat(statement).startsWith("CREATE TABLE IF NOT EXISTS").doesNotContain("--").doesNotEndWith(";");
        });
        assertThat(messages.checksum()).hasSize(64);
    }

    @Test
    void migrating_again_applies_nothing_and_each_version_is_recorded_once() {
        CqlSession session = CassandraStores.session();

        assertThat(new SchemaMigrator(session).migrate()).isEmpty();
        assertThat(session.execute("SELECT version, script FROM schema_version").all())
                .extracting(row -> row.getInt("version") + " " + row.getString("script"))
                .containsExactlyInAnyOrder("1 V1__messages.cql", "2 V2__device_offsets.cql");
        assertThat(Arrays.asList("messages", "chat_months", "device_offsets")).allSatisfy(table ->
                assertThat(session.getMetadata().getKeyspace(CassandraStores.KEYSPACE).orElseThrow()
                        .getTable(table)).isPresent());
    }
}
