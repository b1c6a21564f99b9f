package dev.chat.adapter.out.push;

import dev.chat.application.port.PushSender;
import dev.chat.application.port.contract.PushSenderContract;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import static dev.chat.application.port.contract.PortFixtures.userId;

/** The HTTP sender keeps the {@link PushSender} contract for webhooks, over real HTTP on loopback. */
class WebhookSenderContractTest extends PushSenderContract {
    private static final StatusServer STATUSES = new StatusServer();

    @AfterAll
    static void stop() {
        STATUSES.close();
    }

    @Override
    protected PushSender sender() {
        return WebPushSenderContractTest.SENDER;
    }

    @Override
    protected PushSubscription answering(int status, Optional<String> retryAfter) {
        return at(STATUSES.answering(status, retryAfter));
    }

    @Override
    protected PushSubscription unreachable() {
        return at(StatusServer.unreachable());
    }

    private static PushSubscription at(URI url) {
        return new PushSubscription(new Device(userId(), new DeviceId("integration")), new PushTarget.Webhook(url),
                Instant.now());
    }
}
