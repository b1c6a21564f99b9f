package dev.chat.adapter.in.websocket;

import dev.chat.adapter.in.websocket.frames.MessageFrameMapper;
import dev.chat.adapter.in.websocket.frames.ServerFrames;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.domain.message.Message;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Writes the core's device events and the gateway's answers as JSON text frames. */
@Singleton
final class FrameEncoder {
    private final JsonMapper json;
    private final MessageFrameMapper messages;
    /**
     * The last message frame each thread encoded. A fan-out hands the same message to every
     * recipient's connection one after the other on one thread: a group message is encoded once,
     * not once per device.
     */
    private final ThreadLocal<Encoded> lastMessage = new ThreadLocal<>();

    private record Encoded(Message message, String text) {
    }

    FrameEncoder(JsonMapper json, MessageFrameMapper messages) {
        this.json = json;
        this.messages = messages;
    }

    String encode(DeviceEvent event) {
        if (event instanceof DeviceEvent.MessageReceived received) {
            Encoded last = lastMessage.get();
            if (last != null && last.message() == received.message()) {
                return last.text();
            }
            String text = encode(messages.toFrame(received.message()));
            lastMessage.set(new Encoded(received.message(), text));
            return text;
        }
        return encode(toFrame(event));
    }

    private Record toFrame(DeviceEvent event) {
        if (event instanceof DeviceEvent.MessageReceived received) {
            return messages.toFrame(received.message());
        }
        if (event instanceof DeviceEvent.ChatChanged changed) {
            return new ServerFrames.ChatEvent(changed.chat().toString(),
                    changed.change().name().toLowerCase(Locale.ROOT), changed.subject().toString(),
                    changed.actor().toString(), changed.name().orElse(null));
        }
        if (event instanceof DeviceEvent.PresenceChanged presence) {
            return new ServerFrames.Presence(null, presence.presence().user().toString(),
                    presence.presence().online(), presence.presence().lastSeen().map(Object::toString).orElse(null));
        }
        return new ServerFrames.CaughtUp(((DeviceEvent.CaughtUp) event).messages());
    }

    String encode(Record frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (IOException e) {
            throw new UncheckedIOException("a server frame could not be encoded", e);
        }
    }
}
