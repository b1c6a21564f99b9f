package dev.chat.adapter.out.kafka.membership;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Topics that must hold the same chats on the same partition numbers as the message log (the
 * memberships and the stored messages the join reads): created with as many partitions as the
 * message log's topic, so that partition n of each holds the same chats (both keyed by chat id,
 * Kafka's default partitioner). A topic found with another count is refused: the join would pair a
 * chat's messages with another partition's memberships.
 */
public final class CoPartitionedTopic {
    private static final Logger LOG = LoggerFactory.getLogger(CoPartitionedTopic.class);

    private CoPartitionedTopic() {
    }

    /** The number of partitions of an existing topic (the message log's). */
    public static int partitionsOf(Admin admin, String topic) {
        try {
            return describe(admin, topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ensures {@code topic} exists with {@code partitions} partitions and the given cleanup policy
     * ({@code compact} for a table such as the memberships, {@code delete} for a stream).
     */
    public static void ensure(Admin admin, String topic, int partitions, short replicas, String cleanupPolicy,
                              Map<String, String> more) {
        try {
            try {
                Map<String, String> configs = new java.util.HashMap<>(more);
                configs.put("cleanup.policy", cleanupPolicy);
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicas).configs(configs)))
                        .all().get(30, TimeUnit.SECONDS);
                LOG.info("created the topic {} ({}, {} partitions)", topic, cleanupPolicy, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            int actual = describe(admin, topic).partitions().size();
            if (actual != partitions) {
                throw new IllegalStateException("the topic " + topic + " has " + actual + " partitions where the "
                        + "message log has " + partitions + ": the join pairs partitions by number, so they must "
                        + "match; delete the topic (it is rebuilt) or give it " + partitions + " partitions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the topic " + topic, e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The topic's description, waiting up to 30 s for a topic just created to be known everywhere. */
    public static TopicDescription describe(Admin admin, String topic) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
