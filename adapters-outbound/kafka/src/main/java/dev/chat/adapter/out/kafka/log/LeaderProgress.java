package dev.chat.adapter.out.kafka.log;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How far each leading subscription has got, by partition: the offsets its consumer group
 * committed. A leader on this log instance reports each commit at once (and wakes its followers
 * here); a leader on another node is read from Kafka, which is where every node's commits meet.
 */
final class LeaderProgress {
    private final Admin admin;
    private final Map<String, Map<TopicPartition, Long>> committed = new ConcurrentHashMap<>();
    private final Map<String, CopyOnWriteArrayList<Runnable>> listeners = new ConcurrentHashMap<>();

    LeaderProgress(Admin admin) {
        this.admin = admin;
    }

    /** A local leader committed these offsets. */
    void committed(String leaderGroup, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> known = committed.computeIfAbsent(leaderGroup, g -> new ConcurrentHashMap<>());
        offsets.forEach((partition, offset) -> known.merge(partition, offset, Math::max));
        listeners.getOrDefault(leaderGroup, new CopyOnWriteArrayList<>()).forEach(Runnable::run);
    }

    /** Reads the leader's committed offsets from Kafka (another node's consumers commit there too). */
    void refresh(String leaderGroup) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(leaderGroup)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> known = committed.computeIfAbsent(leaderGroup, g -> new ConcurrentHashMap<>());
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                known.merge(partition, offset.offset(), Math::max);
            }
        });
    }

    /** The offset up to which (exclusive) the leader has handled the partition; 0 when nothing is known. */
    long limit(String leaderGroup, TopicPartition partition) {
        return committed.getOrDefault(leaderGroup, Map.of()).getOrDefault(partition, 0L);
    }

    void onCommit(String leaderGroup, Runnable listener) {
        listeners.computeIfAbsent(leaderGroup, g -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void removeListener(String leaderGroup, Runnable listener) {
        listeners.getOrDefault(leaderGroup, new CopyOnWriteArrayList<>()).remove(listener);
    }
}
