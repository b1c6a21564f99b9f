package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims.Claim;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The presence topics' records: what is written reads back the same; anything else reads as nothing. */
class PresenceRecordsTest {
    private final UserId user = new UserId(UUID.randomUUID());
    private final NodeId node = new NodeId("gateway-1~1f2e3d");
    private final Instant seen = Instant.ofEpochMilli(1_795_857_310_112L);

    @Test
    void aClaimABeatAndAStateReadBackAsWritten() {
        Claim claim = new Claim(user, node, true, seen, 42);
        assertThat(PresenceRecords.read(PresenceRecords.claimKey(claim), PresenceRecords.claimValue(claim)))
                .isEqualTo(new PresenceRecords.ReadClaim(claim));
        assertThat(PresenceRecords.read(PresenceRecords.beatKey(node), PresenceRecords.beatValue(node, seen)))
                .isEqualTo(new PresenceRecords.ReadBeat(node, seen));
        Presence offline = new Presence(user, false, Optional.of(seen));
        assertThat(PresenceRecords.readState(PresenceRecords.userBytes(user), PresenceRecords.stateValue(offline, 7)))
                .isEqualTo(new PresenceRecords.State(offline, 7));
        Presence hidden = new Presence(user, true, Optional.empty());
        assertThat(PresenceRecords.readState(PresenceRecords.userBytes(user), PresenceRecords.stateValue(hidden, 8)).presence())
                .isEqualTo(hidden);
    }

    @Test
    void aUsersPartitionIsTheSameOnEveryNodeAndWithinRange() {
        int partition = PresenceRecords.partitionOf(user, 12);
        assertThat(partition).isBetween(0, 11).isEqualTo(PresenceRecords.partitionOf(new UserId(user.value()), 12));
    }

    @Test
    void everyStartIsANewIncarnationOfItsNodeWithinTheLengthOfANodeId() {
        NodeId first = KafkaPresenceClaims.incarnationOf(node);
        NodeId second = KafkaPresenceClaims.incarnationOf(node);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.value()).startsWith(node.value() + "~");
        assertThat(KafkaPresenceClaims.incarnationOf(new NodeId("n".repeat(128))).value()).hasSize(128);
    }

    @Property(tries = 2000)
    void randomBytesNeverThrowAndNeverReadAsAState(@ForAll byte[] key, @ForAll byte[] value) {
        PresenceRecords.read(key, value);
        if (key.length != 16 || value.length != 17) {
            assertThat(PresenceRecords.readState(key, value)).isNull();
        }
    }
}
