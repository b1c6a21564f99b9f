package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.membership.CoPartitionedTopic;
import dev.chat.domain.chat.ChatId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The log's topic: its name and partition count, and which partition holds a chat. The count is
 * read from the broker, not from configuration, once the topic exists: a chat must stay on its
 * partition for as long as the topic lives (its positions are that partition's offsets), so a
 * changed setting never moves it.
 */
record LogTopic(String name, int partitions) {
    private static final Logger LOG = LoggerFactory.getLogger(LogTopic.class);

    /** The topic as it is on the broker, created with {@code partitions} and {@code replicas} if it was missing. */
    static LogTopic ensure(Admin admin, String name, int partitions, short replicas, int minInsyncReplicas) {
        try {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, replicas).configs(Map.of(
                        "min.insync.replicas", Integer.toString(minInsyncReplicas),
                        "cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
                LOG.info("created the message log topic {} with {} partitions, {} replicas", name, partitions, replicas);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = CoPartitionedTopic.describe(admin, name);
            int actual = description.partitions().size();
            if (actual != partitions) {
                LOG.warn("the message log topic {} has {} partitions, not the {} configured: keeping {}, since a chat "
                        + "must stay on its partition", name, actual, partitions, actual);
            }
            return new LogTopic(name, actual);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the message log topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the message log topic " + name + ": " + e.getMessage(), e);
        }
    }

    /** The partition of a chat: Kafka's own partitioner for the key's bytes, so that keyed readers co-partition. */
    int partitionOf(ChatId chat) {
        return Utils.toPositive(Utils.murmur2(LogRecords.key(chat))) % partitions;
    }

    TopicPartition topicPartitionOf(ChatId chat) {
        return new TopicPartition(name, partitionOf(chat));
    }

    List<TopicPartition> all() {
        return IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(name, p)).toList();
    }
}
