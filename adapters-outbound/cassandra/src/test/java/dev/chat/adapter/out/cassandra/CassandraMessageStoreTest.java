package dev.chat.adapter.out.cassandra;

import dev.chat.application.port.MessageStore;
import dev.chat.application.port.contract.MessageStoreContract;

/** The Cassandra {@link MessageStore} keeps the port's contract on a real Cassandra node. */
class CassandraMessageStoreTest extends MessageStoreContract {
    @Override
    protected MessageStore store() {
        return CassandraStores.context().getBean(MessageStore.class);
    }
}
