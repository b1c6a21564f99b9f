package dev.chat.adapter.out.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.domain.device.Device;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON a push carries (docs/protocol.md, "Push notifications"): what waits where, and the text
 * only when the operator allowed it. A webhook's body also names the device it is for, since one
 * webhook serves many devices; a Web Push endpoint is one device's already.
 */
public final class PushPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPayload() {
    }

    public static byte[] forWebPush(Notification notification) {
        return write(fields(notification));
    }

    public static byte[] forWebhook(Notification notification, Device device) {
        Map<String, Object> fields = fields(notification);
        fields.put("userId", device.user().value().toString());
        fields.put("deviceId", device.id().value());
        return write(fields);
    }

    private static Map<String, Object> fields(Notification notification) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "message_waiting");
        fields.put("chatId", notification.chat().value().toString());
        fields.put("messageId", notification.message().value().toString());
        fields.put("position", notification.position().value());
        fields.put("waiting", notification.waiting());
        fields.put("sentAt", notification.sentAt().toString());
        notification.text().ifPresent(text -> fields.put("text", text));
        return fields;
    }

    private static byte[] write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always serialize", e);
        }
    }
}
