package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStore;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryPresenceStoreTest {
    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    private final UserId user = new UserId(UUID.randomUUID());
    private final Instant t0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void countsOpenConnectionsAndKeepsTheLatestSignOfLife() {
        store.connectionOpened(user, t0);
        store.connectionOpened(user, t0.plusSeconds(1));
        store.connectionClosed(user, t0.plusSeconds(5));
        assertThat(store.seen(List.of(user)).get(user)).isEqualTo(new PresenceStore.Seen(t0.plusSeconds(5), null, 1));
        store.heartbeat(user, t0.plusSeconds(3).toEpochMilli());
        assertThat(store.seen(user).lastSeen())
                .as("an older heartbeat arriving late does not move last seen back").isEqualTo(t0.plusSeconds(5));
        assertThat(store.seen(user).lastHeartbeat()).isEqualTo(t0.plusSeconds(3));
        store.connectionClosed(user, t0.plusSeconds(9));
        store.connectionClosed(user, t0.plusSeconds(10));
        assertThat(store.seen(List.of(user)).get(user).openConnections()).isZero();
    }

    @Test
    void aUserNeverSeenIsAbsent() {
        assertThat(store.seen(List.of(user))).isEmpty();
    }
}
