package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter stays out of a context that did not enable it, and refuses settings it cannot use. */
class CassandraBeansTest {
    @Test
    void without_chat_cassandra_enabled_there_is_no_session_and_no_store() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("chat.cassandra.keyspace", "unused"))) {
            assertThat(context.containsBean(CqlSession.class)).isFalse();
            assertThat(context.containsBean(MessageStore.class)).isFalse();
            assertThat(context.containsBean(OffsetStore.class)).isFalse();
            assertThat(context.containsBean(CassandraSettings.class)).isFalse();
        }
    }

    @Test
    void settings_have_the_documented_defaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("chat.cassandra.enabled", "true"))) {
            CassandraSettings settings = context.getBean(CassandraSettings.class);
            assertThat(settings.contactPoints()).containsExactly("127.0.0.1:9042");
            assertThat(settings.localDatacenter()).isEqualTo("datacenter1");
            assertThat(settings.keyspace()).isEqualTo("chat");
            assertThat(settings.replicationFactor()).isEqualTo(1);
            assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.ttl()).isEqualTo(Duration.ofDays(30));
            assertThat(settings.ttlSeconds()).isEqualTo(2_592_000);
            assertThat(settings.applySchema()).isTrue();
        }
    }

    @Test
    void unusable_settings_are_refused() {
        assertThatThrownBy(() -> settings(List.of("127.0.0.1:9042"), "chat; DROP KEYSPACE x", Duration.ofDays(1)))
                .hasMessageContaining("keyspace");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), "chat", Duration.ofDays(1)))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> settings(List.of("127.0.0.1:9042"), "chat", Duration.ofMillis(500)))
                .hasMessageContaining("ttl");
        assertThat(settings(List.of("10.0.0.1:9042", "[::1]:9043"), "chat", Duration.ofDays(1)).contactAddresses())
                .extracting(address -> address.getPort()).containsExactly(9042, 9043);
    }

    private static CassandraSettings settings(List<String> contactPoints, String keyspace, Duration ttl) {
        return new CassandraSettings(contactPoints, "datacenter1", keyspace, 1, Duration.ofSeconds(10), ttl, true);
    }
}
