package dev.chat.bootstrap;

import dev.chat.application.push.PushNotifications;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** The periodic part of push notifications: the pushes the throttle folded, and retries that are due. */
@Singleton
public class PushHousekeeping {
    private final PushNotifications notifications;

    public PushHousekeeping(PushNotifications notifications) {
        this.notifications = notifications;
    }

    @Scheduled(fixedDelay = "${chat.push.tick:100ms}")
    void tick() {
        notifications.tick();
    }
}
