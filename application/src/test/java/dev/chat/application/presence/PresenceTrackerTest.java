package dev.chat.application.presence;

import dev.chat.application.delivery.Cluster;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DisconnectReason;
import dev.chat.application.delivery.Node;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryPrivacySettings;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Specification of presence: heartbeats and connections, grace, coalescing, privacy, subscriptions. */
class PresenceTrackerTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final UserId ben = new UserId(UUID.randomUUID());
    private final UserId ada = new UserId(UUID.randomUUID());
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryPrivacySettings privacy = new InMemoryPrivacySettings();
    private final Node node = new Cluster(chats, new InMemoryMessageStore(), new InMemoryOffsetStore(),
            (user, message) -> { }, ChatMetrics.NONE, clock)
            .withPresence(MapPresenceStore::new, privacy, new PresencePolicy(Duration.ofSeconds(10), 3),
                    Duration.ofSeconds(2))
            .node("node-1", Runnable::run);
    private final PresenceTracker tracker = node.presence;
    private final List<DeviceEvent> adaSees = new ArrayList<>();
    private final DeviceSession adaPhone = node.connect(ada, "phone", new DeviceSink() {
        @Override
        public void push(DeviceEvent event) {
            if (event instanceof DeviceEvent.PresenceChanged) {
                adaSees.add(event);
            }
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public void disconnect(DisconnectReason reason) {
        }
    });

    PresenceTrackerTest() {
        chats.saveDirect(DirectChat.between(ada, ben));
        node.presenceSubscriptions.subscribe(adaPhone, Set.of(ben));
    }

    @Test
    void heartbeatsMakeAUserOnlineAndTheSweepTurnsThemOfflineAfterTheGrace() {
        tracker.heartbeat(ben, clock.millis());
        assertThat(announced()).containsExactly(true);
        clock.advance(Duration.ofSeconds(30));
        node.sweepPresence();
        assertThat(announced()).as("still within 3 x 10 s").containsExactly(true);
        clock.advance(Duration.ofSeconds(1));
        node.sweepPresence();
        assertThat(announced()).containsExactly(true, false);
        Presence offline = ((DeviceEvent.PresenceChanged) adaSees.get(1)).presence();
        assertThat(offline.lastSeen()).contains(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void aHeartbeatCountsFromTheTimeItCarriesSoOneReplayedAfterTheGraceMakesNobodyOnline() {
        long sentAt = clock.millis();
        clock.advance(Duration.ofSeconds(31));
        tracker.heartbeat(ben, sentAt);
        node.sweepPresence();
        assertThat(tracker.presenceOf(ben).online()).isFalse();
        assertThat(announced()).isEmpty();
    }

    @Test
    void aHeartbeatDatedInTheFutureCountsAsNowAndKeepsNobodyOnlinePastTheGrace() {
        tracker.heartbeat(ben, clock.millis() + Duration.ofHours(1).toMillis());
        assertThat(announced()).containsExactly(true);
        clock.advance(Duration.ofSeconds(31));
        node.sweepPresence();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void aClosedConnectionLeavesNoGraceButAnOpenOneKeepsTheUserOnline() {
        tracker.connected(ben);
        clock.advance(Duration.ofMinutes(5));
        node.sweepPresence();
        assertThat(tracker.presenceOf(ben).online()).isTrue();
        tracker.disconnected(ben);
        assertThat(tracker.presenceOf(ben).online()).isFalse();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void changesWithinTheMinimumIntervalAreHeldBackAndTheLatestStateWins() {
        tracker.connected(ben);
        tracker.disconnected(ben);
        tracker.connected(ben);
        tracker.disconnected(ben);
        assertThat(announced()).as("only the first change goes out at once").containsExactly(true);
        clock.advance(Duration.ofSeconds(3));
        node.sweepPresence();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void aUserWhoHidesLastSeenIsAnnouncedWithoutIt() {
        privacy.setHidesLastSeen(ben, true);
        tracker.heartbeat(ben, clock.millis());
        Presence online = ((DeviceEvent.PresenceChanged) adaSees.get(0)).presence();
        assertThat(online.online()).isTrue();
        assertThat(online.lastSeen()).isEmpty();
        assertThat(tracker.presenceSeenByOthers(ben).lastSeen()).isEmpty();
        assertThat(tracker.presenceOf(ben).lastSeen()).as("the user's own view keeps it").isPresent();
    }

    @Test
    void anUnsubscribedDeviceHearsNothing() {
        node.presenceSubscriptions.unsubscribeAll(adaPhone);
        tracker.heartbeat(ben, clock.millis());
        assertThat(adaSees).isEmpty();
    }

    @Test
    void aUserStaysOnlineUntilTheirLastDeviceDisconnects() {
        tracker.connected(ben);
        tracker.connected(ben);
        clock.advance(Duration.ofSeconds(5));

        tracker.disconnected(ben);
        assertThat(tracker.presenceOf(ben).online()).isTrue();
        assertThat(announced()).containsExactly(true);

        clock.advance(Duration.ofSeconds(5));
        tracker.disconnected(ben);
        assertThat(tracker.presenceOf(ben).online()).isFalse();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void eachHeartbeatWithinTheGraceKeepsTheUserOnlineForAnotherGrace() {
        tracker.heartbeat(ben, clock.millis());
        clock.advance(Duration.ofSeconds(20));
        tracker.heartbeat(ben, clock.millis());
        clock.advance(Duration.ofSeconds(25));

        node.sweepPresence();
        assertThat(announced()).as("45 s after the first heartbeat, 25 s after the last").containsExactly(true);

        clock.advance(Duration.ofSeconds(6));
        node.sweepPresence();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void aHeldBackChangeWaitsForTheIntervalEvenAcrossSweeps() {
        tracker.connected(ben);
        clock.advance(Duration.ofMillis(500));
        tracker.disconnected(ben);

        clock.advance(Duration.ofMillis(1_000));
        node.sweepPresence();
        assertThat(announced()).as("1.5 s after the last announcement").containsExactly(true);

        clock.advance(Duration.ofMillis(500));
        node.sweepPresence();
        assertThat(announced()).containsExactly(true, false);
    }

    @Test
    void aChangeUndoneWithinTheIntervalIsNeverAnnounced() {
        tracker.connected(ben);
        clock.advance(Duration.ofMillis(500));
        tracker.disconnected(ben);
        clock.advance(Duration.ofMillis(500));
        tracker.connected(ben);

        clock.advance(Duration.ofSeconds(5));
        node.sweepPresence();

        assertThat(announced()).containsExactly(true);
    }

    @Test
    void announcementsGoOnlyToTheDevicesSubscribedToThatUser() {
        UserId cy = new UserId(UUID.randomUUID());
        chats.saveDirect(DirectChat.between(ada, cy));
        RecordingSink adaLaptop = new RecordingSink();
        RecordingSink adaTablet = new RecordingSink();
        node.presenceSubscriptions.subscribe(node.connect(ada, "laptop", adaLaptop), Set.of(ben));
        node.presenceSubscriptions.subscribe(node.connect(ada, "tablet", adaTablet), Set.of(cy));

        tracker.connected(ben);

        assertThat(announced()).containsExactly(true);
        assertThat(adaLaptop.presenceChanges()).extracting(Presence::user).containsExactly(ben);
        assertThat(adaTablet.presenceChanges()).isEmpty();
    }

    private List<Boolean> announced() {
        return adaSees.stream().map(e -> ((DeviceEvent.PresenceChanged) e).presence().online()).toList();
    }

    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Liveness by user, in a map. */
    private static final class MapPresenceStore implements PresenceStore {
        private final Map<UserId, long[]> state = new HashMap<>(); // lastSeen, lastHeartbeat, open

        @Override
        public void connectionOpened(UserId user, Instant at) {
            long[] s = of(user);
            s[0] = Math.max(s[0], at.toEpochMilli());
            s[2]++;
        }

        @Override
        public void connectionClosed(UserId user, Instant at) {
            long[] s = of(user);
            s[0] = Math.max(s[0], at.toEpochMilli());
            s[2] = Math.max(0, s[2] - 1);
        }

        @Override
        public void heartbeat(UserId user, long epochMillis) {
            long[] s = of(user);
            s[0] = Math.max(s[0], epochMillis);
            s[1] = Math.max(s[1], epochMillis);
        }

        @Override
        public Map<UserId, Seen> seen(Collection<UserId> users) {
            Map<UserId, Seen> result = new HashMap<>();
            users.forEach(u -> {
                Seen s = seen(u);
                if (s != null) {
                    result.put(u, s);
                }
            });
            return result;
        }

        @Override
        public Seen seen(UserId user) {
            long[] s = state.get(user);
            return s == null ? null : new Seen(Instant.ofEpochMilli(s[0]),
                    s[1] < 0 ? null : Instant.ofEpochMilli(s[1]), (int) s[2]);
        }

        private long[] of(UserId user) {
            return state.computeIfAbsent(user, u -> new long[]{0, -1, 0});
        }
    }
}
