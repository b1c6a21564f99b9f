package dev.chat.adapter.out.kafka.presence;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims.Claim;
import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryGatewayChannel;
import dev.chat.application.port.memory.InMemoryRouteTable;
import dev.chat.application.presence.PresenceDecider;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence decided once per user across nodes, on a real broker: nodes A and B send claims and beats
 * and run deciders (each owns some partitions of the claims topic); a subscriber's device is on node
 * C, reached through the route table and the gateway channel. Grace 1 s, node lease 2 s, beats and
 * sweeps every 200 ms.
 */
class PresenceAcrossNodesTest {
    private static final PresencePolicy POLICY = new PresencePolicy(Duration.ofMillis(500), 2);
    private static final Duration NODE_LEASE = Duration.ofSeconds(2);

    private final Clock clock = Clock.systemUTC();
    private final PresenceTopics topics = PresenceTopics.local(Engines.kafka(), Engines.unique("presence-"));
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryRouteTable routes = new InMemoryRouteTable();
    private final InMemoryGatewayChannel channel = new InMemoryGatewayChannel();
    private final UserId alice = new UserId(UUID.randomUUID());
    private final UserId subscriber = new UserId(UUID.randomUUID());
    private final NodeId a = new NodeId("node-a");
    private final NodeId b = new NodeId("node-b");
    private final NodeId c = new NodeId("node-c");
    /** What the subscriber's node C heard of Alice: online or not, in order. */
    private final List<Boolean> heardOnC = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private KafkaPresenceStates states;

    @BeforeEach
    void start() {
        chats.saveDirect(DirectChat.between(alice, subscriber));
        routes.renew(c, Duration.ofHours(1));
        routes.register(new Device(subscriber, new DeviceId("phone")), c);
        channel.open(c, batch -> batch.forEach(delivery -> {
            if (delivery instanceof Delivery.OfPresence presence && presence.presence().user().equals(alice)) {
                heardOnC.add(presence.presence().online());
            }
        }));
        states = opened(new KafkaPresenceStates(topics, clock));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aUserMovedFromNodeAToNodeBStaysOnlineWithoutAFlapAndGoesOfflineOnceAfterTheGrace() throws Exception {
        KafkaPresenceClaims claimsA = opened(new KafkaPresenceClaims(topics, a, clock));
        KafkaPresenceClaims claimsB = opened(new KafkaPresenceClaims(topics, b, clock));
        deciding();
        deciding();

        claimsA.send(new Claim(alice, a, true, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> isOnline(alice));
        claimsB.send(new Claim(alice, b, true, clock.instant()));
        // node A says she left only once her grace ran out there without a heartbeat: a grace after
        // node B's claim, which her first heartbeat to B made (two producers, so only time orders them)
        Thread.sleep(POLICY.grace().toMillis());
        claimsA.send(new Claim(alice, a, false, clock.instant()));
        Thread.sleep(1_500); // longer than the grace: a flap would have been decided and heard by now
        assertThat(isOnline(alice)).as("alive on node B").isTrue();
        assertThat(heardOnC).as("no flap").containsExactly(true);
        claimsB.send(new Claim(alice, b, false, clock.instant()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(online(alice)));
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnC.size() == 2);
        assertThat(heardOnC).as("node C heard exactly one online and one offline").containsExactly(true, false);
    }

    @Test
    void theUsersOfANodeThatDiedGoOfflineAfterItsLeaseAndTheGraceNotBefore() throws Exception {
        KafkaPresenceClaims claimsA = new KafkaPresenceClaims(topics, a, clock);
        deciding();
        claimsA.send(new Claim(alice, a, true, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> isOnline(alice));

        Instant died = clock.instant();
        claimsA.close(); // no claim that Alice left, no more beats
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(online(alice)));
        Duration after = Duration.between(died, clock.instant());
        assertThat(after).as("offline only once the node's lease lapsed").isGreaterThanOrEqualTo(NODE_LEASE.minusMillis(400));
        assertThat(states.current(alice).lastSeen()).get().matches(seen -> !seen.isAfter(clock.instant()));
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnC.size() == 2);
        assertThat(heardOnC).containsExactly(true, false);
    }

    @Test
    void whenTheDecidingNodeStopsAnotherTakesItsPartitionsOverAndDecidesRightWithoutRepeating() throws Exception {
        KafkaPresenceClaims claimsB = opened(new KafkaPresenceClaims(topics, b, clock));
        PresenceDeciding first = newDeciding();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.deciding().size() == topics.partitions());
        claimsB.send(new Claim(alice, b, true, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> isOnline(alice));

        PresenceDeciding second = deciding();
        first.close(); // its partitions go to the second, which reads them again
        await().atMost(Duration.ofSeconds(30)).until(() -> second.deciding().size() == topics.partitions());
        Thread.sleep(1_500);
        assertThat(isOnline(alice)).as("still alive on node B").isTrue();
        assertThat(heardOnC).as("the new decider does not announce Alice again").containsExactly(true);

        claimsB.send(new Claim(alice, b, false, clock.instant()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(online(alice)));
        await().atMost(Duration.ofSeconds(5)).until(() -> heardOnC.size() == 2);
        assertThat(heardOnC).containsExactly(true, false);
    }

    private PresenceDeciding deciding() {
        return opened(newDeciding());
    }

    private PresenceDeciding newDeciding() {
        return new PresenceDeciding(topics, this::decider, () -> states.awaitCaughtUp(Duration.ofSeconds(5)), null);
    }

    private PresenceDecider decider() {
        return new PresenceDecider(chats, POLICY, clock, Duration.ZERO, PrivacySettings.OPEN,
                new DeliveryRouter(routes, channel), states, NODE_LEASE, topics.beatInterval());
    }

    private boolean isOnline(UserId user) {
        return Boolean.TRUE.equals(online(user));
    }

    private Boolean online(UserId user) {
        Presence presence = states.current(user);
        return presence == null ? null : presence.online();
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
