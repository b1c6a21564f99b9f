package dev.chat.application.delivery;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connected device, as the core sees it. It makes catch-up and live delivery meet without a
 * gap or a duplicate: live messages that arrive while the device is catching up wait in
 * {@code pending}; each chat's highest position sent so far filters out what was sent already.
 * Calls never block on I/O, so the fan-out thread never waits for one slow device.
 */
public final class DeviceSession {
    private final Device device;
    private final DeviceSink sink;
    private final Map<ChatId, Long> sentUpTo = new HashMap<>();
    private List<Message> pending = new ArrayList<>();
    private volatile boolean closed;

    public DeviceSession(Device device, DeviceSink sink) {
        this.device = device;
        this.sink = sink;
    }

    public Device device() {
        return device;
    }

    public DeviceSink sink() {
        return sink;
    }

    /**
     * A live message from the pipeline. Returns true when it went out (now or after catch-up). It
     * may be held back until {@link #flush}: the pipeline flushes every device it offered a batch to.
     */
    public synchronized boolean offerLive(Message message) {
        if (closed) {
            return false;
        }
        if (pending != null) {
            pending.add(message);
            return true;
        }
        return sendIfNew(message, true);
    }

    /** Writes the live messages {@link #offerLive} held back. */
    public void flush() {
        if (!closed) {
            sink.flush();
        }
    }

    /**
     * Catch-up of {@code chat} starts after {@code from} (the device's acknowledged position): the
     * device has everything up to there, so a live message at or below it (a replay of the pipeline
     * after a worker's restart) is not sent again.
     */
    public synchronized void hasUpTo(ChatId chat, Position from) {
        sentUpTo.merge(chat, from.value(), Math::max);
    }

    /** A message read from the store during catch-up. */
    public synchronized boolean offerCatchUp(Message message) {
        return !closed && sendIfNew(message, false);
    }

    /** Ends catch-up: flushes the live messages that waited, then tells the device it is up to date. */
    public synchronized int finishCatchUp(int caughtUp) {
        int sent = caughtUp;
        if (pending != null) {
            for (Message message : pending) {
                if (sendIfNew(message, false)) {
                    sent++;
                }
            }
            pending = null;
        }
        if (!closed) {
            sink.push(new DeviceEvent.CaughtUp(sent));
        }
        return sent;
    }

    public void pushEvent(DeviceEvent event) {
        if (!closed) {
            sink.push(event);
        }
    }

    /** A newer connection of the same device took over: this one gets nothing more and is closed. */
    public void displace() {
        close();
        sink.disconnect(DisconnectReason.REPLACED);
    }

    public synchronized void close() {
        closed = true;
        pending = null;
    }

    public boolean isClosed() {
        return closed;
    }

    private boolean sendIfNew(Message message, boolean held) {
        long last = sentUpTo.getOrDefault(message.chatId(), 0L);
        if (message.position().value() <= last) {
            return false;
        }
        sentUpTo.put(message.chatId(), message.position().value());
        DeviceEvent event = new DeviceEvent.MessageReceived(message);
        if (held) {
            sink.pushHeld(event);
        } else {
            sink.push(event);
        }
        return true;
    }

    @Override
    public String toString() {
        return "DeviceSession[" + device + "]";
    }
}
