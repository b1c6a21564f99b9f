package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Use case: connecting a device to this node, with catch-up from its stored offsets before live
 * delivery. The session is registered here and routed to this node before catch-up reads the store:
 * that order, and delivery following storing, close the race between the two paths
 * (docs/architecture.md, "The catch-up race").
 */
public final class ConnectDevice implements ConnectDeviceUseCase {
    private static final Logger LOG = Logger.getLogger(ConnectDevice.class.getName());
    static final int PAGE = 500;
    /** Catch-up pauses while more than this many events wait to be written to the device. */
    static final int MAX_QUEUED_DURING_CATCH_UP = 2_000;

    private final NodeId self;
    private final ChatRepository chats;
    private final MessageStore messages;
    private final OffsetStore offsets;
    private final ConnectedDevices devices;
    private final RouteTable routes;
    private final DeliveryRouter router;
    private final PresenceSubscriptions presenceSubscriptions;
    private final ConnectionListener listener;
    private final Executor catchUpExecutor;

    public ConnectDevice(NodeId self, ChatRepository chats, MessageStore messages, OffsetStore offsets,
                         ConnectedDevices devices, RouteTable routes, DeliveryRouter router,
                         PresenceSubscriptions presenceSubscriptions, ConnectionListener listener,
                         Executor catchUpExecutor) {
        this.self = self;
        this.chats = chats;
        this.messages = messages;
        this.offsets = offsets;
        this.devices = devices;
        this.routes = routes;
        this.router = router;
        this.presenceSubscriptions = presenceSubscriptions;
        this.listener = listener;
        this.catchUpExecutor = catchUpExecutor;
    }

    @Override
    public DeviceSession connect(Caller caller, DeviceId deviceId, DeviceSink sink) {
        Device device = new Device(caller.user(), deviceId);
        DeviceSession session = new DeviceSession(device, sink);
        // registered and routed before reading the store: a message stored after our read is then delivered live
        devices.register(session).ifPresent(DeviceSession::displace);
        routes.register(device, self).ifPresent(older -> router.sendTo(older, new Delivery.Displace(device)));
        listener.connected(caller.user());
        catchUpExecutor.execute(() -> catchUp(session));
        return session;
    }

    @Override
    public void disconnectAll() {
        for (DeviceSession session : devices.all()) {
            session.sink().disconnect(DisconnectReason.NODE_STOPPING);
        }
    }

    @Override
    public void disconnect(DeviceSession session) {
        session.close();
        if (devices.unregister(session)) {
            // only when no newer connection of the device replaced it here; the table ignores a stale node
            routes.unregister(session.device(), self);
        }
        presenceSubscriptions.unsubscribeAll(session);
        listener.disconnected(session.device().user());
    }

    private void catchUp(DeviceSession session) {
        int sent = 0;
        try {
            Device device = session.device();
            Map<ChatId, Position> acknowledged = offsets.offsetsOf(device);
            for (Chat chat : chats.chatsOf(device.user())) {
                Position since = chat.requireMember(device.user()).since();
                Position from = Position.max(since, acknowledged.getOrDefault(chat.id(), Position.START));
                sent += catchUpChat(session, chat.id(), from);
                if (session.isClosed()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "catch-up failed for " + session + "; the device will be disconnected", e);
            session.sink().disconnect(DisconnectReason.CATCH_UP_FAILED);
            return;
        }
        session.finishCatchUp(sent);
    }

    /**
     * Sends what follows {@code from}, except the device's own messages: it has their {@code accepted}.
     * A run of its own messages right after its offset needs no acknowledgement from it, so the offset
     * moves past them and the next reconnect does not read them again.
     */
    private int catchUpChat(DeviceSession session, ChatId chat, Position from) {
        Device device = session.device();
        session.hasUpTo(chat, from);
        int sent = 0;
        Position cursor = from;
        Position ownRunEnd = from;
        boolean onlyOwnSoFar = true;
        try {
            while (!session.isClosed()) {
                List<Message> page = messages.after(chat, cursor, PAGE);
                for (Message message : page) {
                    cursor = message.position();
                    if (message.sender().equals(device.user()) && message.senderDevice().equals(device.id())) {
                        if (onlyOwnSoFar) {
                            ownRunEnd = cursor;
                        }
                        continue;
                    }
                    onlyOwnSoFar = false;
                    if (session.offerCatchUp(message)) {
                        sent++;
                        // within the page too: a page is larger than a small queue limit
                        waitForDrain(session);
                    }
                }
                if (page.size() < PAGE) {
                    return sent;
                }
            }
            return sent;
        } finally {
            if (ownRunEnd.isAfter(from)) {
                offsets.advance(device, chat, ownRunEnd);
            }
        }
    }

    /** Pauses catch-up while the device's queue is above half its limit (at most 2,000), so that replaying never cuts it off. */
    private static void waitForDrain(DeviceSession session) {
        int highWater = Math.min(MAX_QUEUED_DURING_CATCH_UP, session.sink().queueLimit() / 2);
        while (session.sink().queued() > highWater && !session.isClosed()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
