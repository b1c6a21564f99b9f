package dev.chat.application.port.contract;

import dev.chat.application.port.PushSubscriptions;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PushSubscriptions} promises; an adapter's test extends this and supplies the adapter. */
public abstract class PushSubscriptionsContract {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z").truncatedTo(ChronoUnit.MILLIS);

    protected abstract PushSubscriptions subscriptions();

    public static PushTarget.WebPush webPush() {
        byte[] key = new byte[65];
        key[0] = 4;
        key[64] = (byte) UUID.randomUUID().hashCode();
        return new PushTarget.WebPush(URI.create("https://push.example.net/send/" + UUID.randomUUID()),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]));
    }

    private static Device device(UserId user, String id) {
        return new Device(user, new DeviceId(id));
    }

    @Test
    void a_registered_target_is_found_as_it_was_given_and_only_for_its_user() {
        UserId user = userId();
        PushSubscription browser = new PushSubscription(device(user, "browser"), webPush(), AT);
        PushSubscription bot = new PushSubscription(device(user, "bot"),
                new PushTarget.Webhook(URI.create("https://hooks.example.com/chat?team=7")), AT.plusSeconds(1));
        subscriptions().save(browser);
        subscriptions().save(bot);

        assertThat(subscriptions().ofUser(user)).containsExactlyInAnyOrder(browser, bot);
        assertThat(subscriptions().ofUser(userId())).isEmpty();
    }

    @Test
    void registering_again_replaces_the_devices_target() {
        UserId user = userId();
        subscriptions().save(new PushSubscription(device(user, "phone"), webPush(), AT));
        PushSubscription newer = new PushSubscription(device(user, "phone"), webPush(), AT.plusSeconds(60));
        subscriptions().save(newer);

        assertThat(subscriptions().ofUser(user)).containsExactly(newer);
    }

    @Test
    void removing_says_whether_there_was_one_and_leaves_the_other_devices() {
        UserId user = userId();
        PushSubscription kept = new PushSubscription(device(user, "laptop"), webPush(), AT);
        subscriptions().save(kept);
        subscriptions().save(new PushSubscription(device(user, "phone"), webPush(), AT));

        assertThat(subscriptions().remove(device(user, "phone"))).isTrue();
        assertThat(subscriptions().remove(device(user, "phone"))).isFalse();
        assertThat(subscriptions().ofUser(user)).containsExactly(kept);
    }

    @Test
    void a_target_gone_at_its_push_service_is_removed_wherever_it_was_registered() {
        UserId user = userId();
        PushTarget.WebPush gone = webPush();
        subscriptions().save(new PushSubscription(device(user, "tab-1"), gone, AT));
        subscriptions().save(new PushSubscription(device(userId(), "tab-1"), gone, AT));
        PushSubscription other = new PushSubscription(device(user, "tab-2"), webPush(), AT);
        subscriptions().save(other);

        assertThat(subscriptions().removeByAddress(gone.address())).isEqualTo(2);
        assertThat(subscriptions().ofUser(user)).containsExactly(other);
    }
}
