package dev.chat.adapter.out.push.webhook;

import dev.chat.adapter.out.push.PushPayload;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.application.port.PushServerKeys;
import dev.chat.domain.device.Device;
import dev.chat.domain.push.PushTarget;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;

/**
 * Webhook requests signed as the Standard Webhooks specification says (standardwebhooks.com), so
 * that receivers can verify them with its libraries or a few lines of their own (docs/push.md):
 * {@code webhook-id} is the idempotency key (one per message and device, the same on every retry),
 * {@code webhook-timestamp} the Unix time of this attempt, and {@code webhook-signature}
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} under the deployment's webhook secret.
 * Receivers refuse timestamps more than a few minutes away from their clock, which stops replays.
 */
public final class WebhookRequests {
    private final SecretKeySpec secret;
    private final Clock clock;

    public WebhookRequests(PushServerKeys keys, Clock clock) {
        this.secret = new SecretKeySpec(keys.webhookSecret(), "HmacSHA256");
        this.clock = clock;
    }

    /** A webhook request whose body is made; {@link Signable#signedNow()} stamps and signs one attempt. */
    public Signable signable(PushTarget.Webhook target, Device device, Notification notification) {
        return new Signable(target, PushPayload.forWebhook(notification, device), notification.idempotencyKey());
    }

    public final class Signable {
        private final PushTarget.Webhook target;
        private final byte[] body;
        private final String id;

        private Signable(PushTarget.Webhook target, byte[] body, String id) {
            this.target = target;
            this.body = body;
            this.id = id;
        }

        public HttpRequest.Builder signedNow() {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            return HttpRequest.newBuilder(target.url())
                    .header("Content-Type", "application/json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", "v1," + signature(id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
    }

    String signature(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
