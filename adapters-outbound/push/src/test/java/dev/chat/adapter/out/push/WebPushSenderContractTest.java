package dev.chat.adapter.out.push;

import dev.chat.adapter.out.push.webhook.WebhookRequests;
import dev.chat.adapter.out.push.webpush.WebPushRequests;
import dev.chat.application.port.PushSender;
import dev.chat.application.port.contract.PushSenderContract;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.chat.application.port.contract.PortFixtures.userId;

/** The HTTP sender keeps the {@link PushSender} contract for Web Push subscriptions, over real HTTP on loopback. */
class WebPushSenderContractTest extends PushSenderContract {
    private static final StatusServer STATUSES = new StatusServer();
    private static final TestPushService BROWSER_KEYS = new TestPushService();
    private static final PushTestKeys KEYS = new PushTestKeys();
    static final PushSender SENDER = new HttpPushSender(HttpPushSender.newClient(Duration.ofSeconds(2)),
            new WebPushRequests(KEYS, "mailto:ops@example.com", Duration.ofHours(1), "normal", Clock.systemUTC()),
            new WebhookRequests(KEYS, Clock.systemUTC()), Duration.ofSeconds(5));

    @AfterAll
    static void stop() {
        STATUSES.close();
        BROWSER_KEYS.close();
    }

    @Override
    protected PushSender sender() {
        return SENDER;
    }

    @Override
    protected PushSubscription answering(int status, Optional<String> retryAfter) {
        return at(STATUSES.answering(status, retryAfter));
    }

    @Override
    protected PushSubscription unreachable() {
        return at(StatusServer.unreachable());
    }

    private static PushSubscription at(URI endpoint) {
        TestPushService.Subscription keys = BROWSER_KEYS.subscribe();
        return new PushSubscription(new Device(userId(), new DeviceId("browser-" + UUID.randomUUID())),
                new PushTarget.WebPush(endpoint, keys.p256dh(), keys.auth()), Instant.now());
    }
}
