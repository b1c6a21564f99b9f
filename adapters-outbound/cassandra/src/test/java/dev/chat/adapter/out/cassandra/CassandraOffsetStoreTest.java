package dev.chat.adapter.out.cassandra;

import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.contract.OffsetStoreContract;

/** The Cassandra {@link OffsetStore} keeps the port's contract on a real Cassandra node. */
class CassandraOffsetStoreTest extends OffsetStoreContract {
    @Override
    protected OffsetStore offsets() {
        return CassandraStores.context().getBean(OffsetStore.class);
    }
}
