package dev.chat.application.port.memory;

import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.contract.IdGeneratorContract;

/** The use cases' deterministic ids keep the {@link IdGenerator} contract: unique and time-ordered. */
class TimeOrderedIdsTest extends IdGeneratorContract {
    private final TimeOrderedIds ids = new TimeOrderedIds();

    @Override
    protected IdGenerator ids() {
        return ids;
    }
}
