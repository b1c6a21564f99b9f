package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.contract.IdGeneratorContract;

/** The UUID version 7 generator keeps the {@link IdGenerator} contract. */
class TimeOrderedIdGeneratorContractTest extends IdGeneratorContract {
    private final TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator();

    @Override
    protected IdGenerator ids() {
        return ids;
    }
}
