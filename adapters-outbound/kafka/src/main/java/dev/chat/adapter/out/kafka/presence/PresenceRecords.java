package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims.Claim;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The records of the presence topics, big-endian.
 * <pre>
 * claims topic (compacted; partition = murmur2(user id bytes) mod partitions)
 *   claim  key:   1, user id (16), node id (UTF-8)      value: 1, alive (1), last seen (8, epoch ms), sequence (8), node id (UTF-8)
 *   beat   key:   2, node id (UTF-8)                     value: 2, at (8, epoch ms), node id (UTF-8)
 * states topic (compacted, keyed by user id, Kafka's default partitioner)
 *   key:   user id (16)                                   value: online (1), last seen (8, epoch ms; -1: none), decided at (8)
 * </pre>
 * A claim's key holds the user and the node, so that compaction keeps each node's latest claim per user;
 * a beat's key holds the node, so that it keeps each node's latest beat per partition.
 */
final class PresenceRecords {
    static final byte CLAIM = 1;
    static final byte BEAT = 2;
    private static final int STATE_BYTES = 17;

    private PresenceRecords() {
    }

    /** The claims partition of a user: the same on every node. */
    static int partitionOf(UserId user, int partitions) {
        return Utils.toPositive(Utils.murmur2(userBytes(user))) % partitions;
    }

    static byte[] userBytes(UserId user) {
        UUID id = user.value();
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static byte[] claimKey(Claim claim) {
        byte[] node = claim.node().value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(17 + node.length).put(CLAIM).put(userBytes(claim.user())).put(node).array();
    }

    static byte[] claimValue(Claim claim) {
        byte[] node = claim.node().value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(18 + node.length).put(CLAIM).put((byte) (claim.alive() ? 1 : 0))
                .putLong(claim.lastSeen().toEpochMilli()).putLong(claim.sequence()).put(node).array();
    }

    static byte[] beatKey(NodeId node) {
        byte[] id = node.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + id.length).put(BEAT).put(id).array();
    }

    static byte[] beatValue(NodeId node, Instant at) {
        byte[] id = node.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + id.length).put(BEAT).putLong(at.toEpochMilli()).put(id).array();
    }

    /** What a claims-topic record says: a claim, a beat, or nothing readable (null). */
    sealed interface Read permits ReadClaim, ReadBeat {
    }

    record ReadClaim(Claim claim) implements Read {
    }

    record ReadBeat(NodeId node, Instant at) implements Read {
    }

    static Read read(byte[] key, byte[] value) {
        if (key == null || value == null || value.length == 0) {
            return null;
        }
        try {
            ByteBuffer v = ByteBuffer.wrap(value);
            byte type = v.get();
            if (type == CLAIM && key.length > 17 && value.length > 18) {
                ByteBuffer k = ByteBuffer.wrap(key, 1, 16);
                UserId user = new UserId(new UUID(k.getLong(), k.getLong()));
                boolean alive = v.get() == 1;
                Instant lastSeen = Instant.ofEpochMilli(v.getLong());
                long sequence = v.getLong();
                NodeId node = new NodeId(new String(value, 18, value.length - 18, StandardCharsets.UTF_8));
                return new ReadClaim(new Claim(user, node, alive, lastSeen, sequence));
            }
            if (type == BEAT && value.length > 9) {
                Instant at = Instant.ofEpochMilli(v.getLong());
                return new ReadBeat(new NodeId(new String(value, 9, value.length - 9, StandardCharsets.UTF_8)), at);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    static byte[] stateValue(Presence presence, long decidedAt) {
        return ByteBuffer.allocate(STATE_BYTES).put((byte) (presence.online() ? 1 : 0))
                .putLong(presence.lastSeen().map(Instant::toEpochMilli).orElse(-1L)).putLong(decidedAt).array();
    }

    /** A decided presence and when it was decided, or null when unreadable. */
    record State(Presence presence, long decidedAt) {
    }

    static State readState(byte[] key, byte[] value) {
        if (key == null || key.length != 16 || value == null || value.length != STATE_BYTES) {
            return null;
        }
        ByteBuffer k = ByteBuffer.wrap(key);
        ByteBuffer v = ByteBuffer.wrap(value);
        UserId user = new UserId(new UUID(k.getLong(), k.getLong()));
        boolean online = v.get() == 1;
        long lastSeen = v.getLong();
        long decidedAt = v.getLong();
        return new State(new Presence(user, online, lastSeen < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSeen))),
                decidedAt);
    }
}
