package dev.chat.adapter.out.inprocess;

import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDeviceDirectoryTest {
    private final LocalDeviceDirectory directory = new LocalDeviceDirectory();
    private final UserId user = new UserId(UUID.randomUUID());

    @Test
    void findsTheConnectedDevicesOfAUserUntilTheyLeave() {
        DeviceSession phone = session(user, "phone");
        DeviceSession laptop = session(user, "laptop");
        directory.register(phone);
        directory.register(laptop);
        assertThat(directory.sessionsOf(user)).containsExactly(phone, laptop);
        assertThat(directory.connectedDevices()).isEqualTo(2);

        directory.unregister(phone);
        assertThat(directory.sessionsOf(user)).containsExactly(laptop);
        directory.unregister(phone);
        assertThat(directory.connectedDevices()).as("unregistering twice counts once").isEqualTo(1);
        directory.unregister(laptop);
        assertThat(directory.sessionsOf(user)).isEmpty();
        assertThat(directory.connectedDevices()).isZero();
    }

    @Test
    void aDeviceConnectingAgainReplacesItsOldConnection() {
        RecordingSink oldSink = new RecordingSink();
        DeviceSession old = new DeviceSession(new Device(user, new DeviceId("phone")), oldSink);
        DeviceSession fresh = session(user, "phone");
        directory.register(old);
        directory.register(fresh);
        assertThat(directory.sessionsOf(user)).containsExactly(fresh);
        assertThat(old.isClosed()).isTrue();
        assertThat(oldSink.disconnectReasons).singleElement().asString().startsWith("replaced");
        assertThat(directory.connectedDevices()).isEqualTo(1);
        directory.unregister(old);
        assertThat(directory.sessionsOf(user)).as("the displaced session's late unregister changes nothing")
                .containsExactly(fresh);
    }

    @Test
    void concurrentConnectsAndDisconnectsKeepTheCountRight() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int users = 200;
        CountDownLatch done = new CountDownLatch(users);
        List<DeviceSession> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            sessions.add(session(new UserId(UUID.randomUUID()), "d"));
        }
        for (DeviceSession s : sessions) {
            pool.execute(() -> {
                directory.register(s);
                directory.register(session(s.device().user(), "other"));
                directory.unregister(s);
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(directory.connectedDevices()).isEqualTo(users);
    }

    private static DeviceSession session(UserId user, String device) {
        return new DeviceSession(new Device(user, new DeviceId(device)), new RecordingSink());
    }

    static final class RecordingSink implements DeviceSink {
        final List<DeviceEvent> events = new ArrayList<>();
        final List<String> disconnectReasons = new ArrayList<>();

        @Override
        public synchronized void push(DeviceEvent event) {
            events.add(event);
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public synchronized void disconnect(String reason) {
            disconnectReasons.add(reason);
        }
    }
}
