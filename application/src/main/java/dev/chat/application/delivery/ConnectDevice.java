package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.DeviceDirectory;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.application.presence.PresenceTracker;
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

/** Use case: connecting a device, with catch-up from its stored offsets before live delivery. */
public final class ConnectDevice implements ConnectDeviceUseCase {
    private static final Logger LOG = Logger.getLogger(ConnectDevice.class.getName());
    static final int PAGE = 500;
    /** Catch-up pauses while more than this many events wait to be written to the device. */
    static final int MAX_QUEUED_DURING_CATCH_UP = 2_000;

    private final ChatRepository chats;
    private final MessageStore messages;
    private final OffsetStore offsets;
    private final DeviceDirectory directory;
    private final PresenceTracker presence;
    private final Executor catchUpExecutor;

    public ConnectDevice(ChatRepository chats, MessageStore messages, OffsetStore offsets,
                         DeviceDirectory directory, PresenceTracker presence, Executor catchUpExecutor) {
        this.chats = chats;
        this.messages = messages;
        this.offsets = offsets;
        this.directory = directory;
        this.presence = presence;
        this.catchUpExecutor = catchUpExecutor;
    }

    @Override
    public DeviceSession connect(Caller caller, DeviceId deviceId, DeviceSink sink) {
        Device device = new Device(caller.user(), deviceId);
        DeviceSession session = new DeviceSession(device, sink);
        // registered before reading the store: a message stored after our read is then delivered live
        directory.register(session);
        presence.connected(caller.user());
        catchUpExecutor.execute(() -> catchUp(session));
        return session;
    }

    @Override
    public void disconnect(DeviceSession session) {
        session.close();
        directory.unregister(session);
        presence.unsubscribeAll(session);
        presence.disconnected(session.device().user());
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
            session.sink().disconnect("catch-up failed");
            return;
        }
        session.finishCatchUp(sent);
    }

    private int catchUpChat(DeviceSession session, ChatId chat, Position from) {
        int sent = 0;
        Position cursor = from;
        while (!session.isClosed()) {
            List<Message> page = messages.after(chat, cursor, PAGE);
            for (Message message : page) {
                if (session.offerCatchUp(message)) {
                    sent++;
                }
                cursor = message.position();
            }
            if (page.size() < PAGE) {
                return sent;
            }
            waitForDrain(session);
        }
        return sent;
    }

    private static void waitForDrain(DeviceSession session) {
        while (session.sink().queued() > MAX_QUEUED_DURING_CATCH_UP && !session.isClosed()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
