package dev.chat.application.delivery;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * This node's inbox: hands what the gateway channel brings to the devices connected here. Messages
 * skip the device that sent them (it has its acknowledgement); presence changes go only to the
 * sessions that follow that user. Every device that got messages of a batch is flushed once, after
 * the batch, so it gets them in one write.
 */
public final class LocalDelivery implements GatewayChannel.Inbox {
    private final ConnectedDevices devices;
    private final PresenceSubscriptions presenceSubscriptions;
    private final ChatMetrics metrics;
    private final Clock clock;

    public LocalDelivery(ConnectedDevices devices, PresenceSubscriptions presenceSubscriptions, ChatMetrics metrics,
                         Clock clock) {
        this.devices = devices;
        this.presenceSubscriptions = presenceSubscriptions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void receive(List<Delivery> batch) {
        Set<DeviceSession> offered = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (Delivery delivery : batch) {
                if (delivery instanceof Delivery.OfMessage m) {
                    deliver(m.message(), m.recipients(), offered);
                } else if (delivery instanceof Delivery.OfChatChange c) {
                    DeviceEvent event = DeviceEvent.ChatChanged.of(c.change());
                    for (UserId user : c.recipients()) {
                        devices.sessionsOf(user).forEach(session -> session.pushEvent(event));
                    }
                } else if (delivery instanceof Delivery.OfPresence p) {
                    DeviceEvent event = new DeviceEvent.PresenceChanged(p.presence());
                    UserId subject = p.presence().user();
                    for (UserId user : p.recipients()) {
                        for (DeviceSession session : devices.sessionsOf(user)) {
                            if (presenceSubscriptions.follows(session, subject)) {
                                session.pushEvent(event);
                            }
                        }
                    }
                } else if (delivery instanceof Delivery.Displace d) {
                    devices.sessionOf(d.device()).ifPresent(DeviceSession::displace);
                }
            }
        } finally {
            offered.forEach(DeviceSession::flush);
        }
    }

    private void deliver(Message message, List<UserId> recipients, Set<DeviceSession> offered) {
        for (UserId user : recipients) {
            boolean sender = user.equals(message.sender());
            for (DeviceSession session : devices.sessionsOf(user)) {
                if (sender && session.device().id().equals(message.senderDevice())) {
                    continue; // the sending device has its acknowledgement
                }
                if (session.offerLive(message)) {
                    offered.add(session);
                    metrics.messageDelivered(Duration.between(message.sentAt(), clock.instant()));
                }
            }
        }
    }
}
