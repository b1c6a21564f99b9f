package dev.chat.application.push;

import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.port.memory.InMemoryPushSubscriptions;
import dev.chat.domain.RejectedException;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import org.junit.jupiter.api.Test;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.port.contract.PushSubscriptionsContract.webPush;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's devices register, list and remove their own push targets, and only their own. */
class ManagePushSubscriptionsTest {
    private final InMemoryPushSubscriptions store = new InMemoryPushSubscriptions();
    private final ManagePushSubscriptions subscriptions = new ManagePushSubscriptions(store, new ManualClock());

    @Test
    void aDeviceRegistersListsAndRemovesItsTarget() {
        PushSubscription registered = subscriptions.register(caller(ALICE), new DeviceId("browser"), webPush());
        assertThat(registered.device().user()).isEqualTo(ALICE.id());
        assertThat(registered.registeredAt()).isEqualTo(ManualClock.MORNING);
        assertThat(subscriptions.list(caller(ALICE))).containsExactly(registered);

        assertThat(subscriptions.unregister(caller(ALICE), new DeviceId("browser"))).isTrue();
        assertThat(subscriptions.list(caller(ALICE))).isEmpty();
    }

    @Test
    void nobodySeesNorRemovesAnotherUsersTarget() {
        PushSubscription alices = subscriptions.register(caller(ALICE), new DeviceId("phone"), webPush());
        assertThat(subscriptions.list(caller(BOB))).isEmpty();
        assertThat(subscriptions.unregister(caller(BOB), new DeviceId("phone"))).isFalse();
        assertThat(subscriptions.list(caller(ALICE))).containsExactly(alices);
    }

    @Test
    void aUserHasAtMostSoManyDevicesWithATargetAndReplacingOneIsNotAnother() {
        for (int i = 0; i < ManagePushSubscriptions.MAX_PER_USER; i++) {
            subscriptions.register(caller(ALICE), new DeviceId("d" + i), webPush());
        }
        subscriptions.register(caller(ALICE), new DeviceId("d0"), webPush());
        assertThatThrownBy(() -> subscriptions.register(caller(ALICE), new DeviceId("one-more"), webPush()))
                .isInstanceOf(RejectedException.class).hasMessageContaining("at most");
        assertThat(subscriptions.list(caller(ALICE))).hasSize(ManagePushSubscriptions.MAX_PER_USER);
    }
}
