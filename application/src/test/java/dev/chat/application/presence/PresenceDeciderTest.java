package dev.chat.application.presence;

import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims.Claim;
import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryGatewayChannel;
import dev.chat.application.port.memory.InMemoryPresenceStates;
import dev.chat.application.port.memory.InMemoryRouteTable;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision across nodes, with a manual clock: node leases and beats, claims that arrive out of
 * order, a decider that takes a share over, what is published and what subscribers hear.
 * Grace 30 s, node lease 30 s, beats every second, changes announced at most every 2 s.
 */
class PresenceDeciderTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final ManualClock clock = new ManualClock();
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryRouteTable routes = new InMemoryRouteTable(clock);
    private final InMemoryGatewayChannel channel = new InMemoryGatewayChannel();
    private final InMemoryPresenceStates states = new InMemoryPresenceStates();
    private final UserId ada = new UserId(UUID.randomUUID());
    private final UserId friend = new UserId(UUID.randomUUID());
    private final NodeId a = new NodeId("a");
    private final NodeId b = new NodeId("b");
    private final NodeId c = new NodeId("c");
    private final List<Boolean> heard = new CopyOnWriteArrayList<>();
    private final PresenceDecider decider = newDecider();

    PresenceDeciderTest() {
        chats.saveDirect(DirectChat.between(ada, friend));
        routes.renew(c, Duration.ofDays(1));
        routes.register(new Device(friend, new DeviceId("phone")), c);
        channel.open(c, batch -> batch.forEach(d -> {
            if (d instanceof Delivery.OfPresence p && p.presence().user().equals(ada)) {
                heard.add(p.presence().online());
            }
        }));
    }

    private PresenceDecider newDecider() {
        return new PresenceDecider(chats, new PresencePolicy(Duration.ofSeconds(10), 3), clock, Duration.ofSeconds(2),
                PrivacySettings.OPEN, new DeliveryRouter(routes, channel), states, LEASE, Duration.ofSeconds(1));
    }

    private void advance(Duration step, NodeId... beating) {
        for (long s = 0; s < step.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            for (NodeId node : beating) {
                decider.nodeAlive(node, clock.instant());
            }
            decider.sweep();
        }
    }

    @Test
    void aNodeWhoseBeatsPausedLosesItsUsersAfterLeaseAndGraceAndGetsThemBackWhenItBeatsAgain() {
        decider.nodeAlive(a, clock.instant());
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        assertThat(heard).containsExactly(true);

        advance(Duration.ofSeconds(60));             // a broker outage: no beats from node A
        assertThat(heard).as("offline a lease and a grace after its last beat, not before").containsExactly(true, false);
        assertThat(states.current(ada).online()).isFalse();

        decider.nodeAlive(a, clock.instant());       // the beats come back: its claim still holds
        assertThat(heard).containsExactly(true, false, true);
        assertThat(states.current(ada).online()).isTrue();
    }

    @Test
    void offlineComesNoEarlierThanTheLastBeatPlusABeatIntervalPlusTheGrace() {
        decider.nodeAlive(a, clock.instant());
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        advance(Duration.ofSeconds(60));
        // last beat at 0 s: lapsed at 31 s, offline decided once 0 + 1 + 30 s had passed
        assertThat(states.current(ada).lastSeen()).contains(ManualClock.MORNING);
        assertThat(heard).containsExactly(true, false);
    }

    @Test
    void anOlderClaimFromANodeArrivingAfterItsNewerOneChangesNothing() {
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 2));
        decider.onClaim(new Claim(ada, a, false, clock.instant(), 1));
        assertThat(states.current(ada).online()).as("the older 'no longer' came last and was ignored").isTrue();
        assertThat(heard).containsExactly(true);
    }

    @Test
    void aUserMovedToAnotherNodeStaysOnlineWithoutAFlap() {
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        advance(Duration.ofSeconds(5), a, b);
        decider.onClaim(new Claim(ada, b, true, clock.instant(), 1));
        advance(Duration.ofSeconds(25), a, b);
        decider.onClaim(new Claim(ada, a, false, clock.instant(), 2));
        advance(Duration.ofSeconds(10), a, b);
        assertThat(heard).containsExactly(true);
        decider.onClaim(new Claim(ada, b, false, clock.instant(), 2));
        assertThat(heard).containsExactly(true, false);
    }

    @Test
    void anOfflineHeldBackIsPublishedOnlyWhenAnnouncedSoADeciderTakingOverAnnouncesIt() {
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        clock.advance(Duration.ofMillis(500));
        decider.onClaim(new Claim(ada, a, false, clock.instant(), 2));
        assertThat(heard).as("held back: announced 0.5 s ago").containsExactly(true);
        assertThat(states.current(ada).online()).as("published = what subscribers heard").isTrue();

        // the deciding node dies; another takes the share over, reads the claims again and decides
        PresenceDecider successor = newDecider();
        successor.recall(new Claim(ada, a, true, ManualClock.MORNING, 1));
        successor.recall(new Claim(ada, a, false, clock.instant(), 2));
        clock.advance(Duration.ofSeconds(2));
        successor.decideAll();
        assertThat(heard).containsExactly(true, false);
        assertThat(states.current(ada).online()).isFalse();
    }

    @Test
    void aDeciderTakingOverAnnouncesNothingThatWasAlreadyHeard() {
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        PresenceDecider successor = newDecider();
        successor.recall(new Claim(ada, a, true, clock.instant(), 1));
        successor.decideAll();
        assertThat(heard).containsExactly(true);
    }

    @Test
    void theClaimsOfANodeLapsedLongAgoAreForgotten() {
        decider.nodeAlive(a, clock.instant());
        decider.onClaim(new Claim(ada, a, true, clock.instant(), 1));
        clock.advance(Duration.ofHours(2));
        decider.sweep();
        assertThat(decider.users()).isZero();
        assertThat(states.current(ada).online()).isFalse();
    }
}
