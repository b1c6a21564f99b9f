package dev.chat.adapter.out.kafka.presence;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.contract.PresenceStatesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;

/** Decided presence on a real broker: the node that decides reads it at once, another node after its fetch. */
class KafkaPresenceStatesTest extends PresenceStatesContract {
    private static KafkaPresenceStates node1;
    private static KafkaPresenceStates node2;

    @BeforeAll
    static void open() {
        PresenceTopics topics = PresenceTopics.local(Engines.kafka(), Engines.unique("presence-states-"));
        node1 = new KafkaPresenceStates(topics, Clock.systemUTC());
        node2 = new KafkaPresenceStates(topics, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        node1.close();
        node2.close();
    }

    @Override
    protected PresenceStates states() {
        return node1;
    }

    @Override
    protected PresenceStates onAnotherNode() {
        return node2;
    }
}
