package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.log.KafkaMessageLog;
import dev.chat.domain.message.Message;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The log's delivery subscription in the distributed profile: it follows storing, so what it gets
 * is in the store, and it writes each message to the stored-messages topic for the join. It
 * returns (and the subscription commits) only once Kafka has every record of the batch: a crash
 * repeats a batch, which the join and the devices take as the same messages again, and loses none.
 */
final class HandOverToJoin implements KafkaMessageLog.VersionedConsumer {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    HandOverToJoin(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void accept(List<Message> batch, long[] chatVersions) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            sent.add(producer.send(new ProducerRecord<>(topic, StoredMessages.key(message),
                    StoredMessages.value(message, chatVersions[i]))));
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing messages to the join", e);
            } catch (Exception e) {
                throw new IllegalStateException("handing " + batch.size() + " messages to the join failed: "
                        + e.getMessage(), e);
            }
        }
    }
}
