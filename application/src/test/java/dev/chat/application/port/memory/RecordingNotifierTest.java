package dev.chat.application.port.memory;

import dev.chat.application.delivery.RecordingNotifier;
import dev.chat.application.port.PushNotifier;
import dev.chat.application.port.contract.PushNotifierContract;
import dev.chat.domain.user.UserId;

import java.util.List;

/** The use cases' recording fake keeps the {@link PushNotifier} contract. */
class RecordingNotifierTest extends PushNotifierContract {
    private final RecordingNotifier notifier = new RecordingNotifier();

    @Override
    protected PushNotifier notifier() {
        return notifier;
    }

    @Override
    protected long notificationsFor(UserId user) {
        return notifier.recipients().stream().filter(user::equals).count();
    }

    @Override
    protected List<String> writtenOut() {
        // it keeps what it was asked in memory and writes nothing out of the process
        return List.of();
    }
}
