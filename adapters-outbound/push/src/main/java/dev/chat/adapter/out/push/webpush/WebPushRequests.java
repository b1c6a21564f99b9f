package dev.chat.adapter.out.push.webpush;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.chat.adapter.out.push.PushPayload;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.application.port.PushServerKeys;
import dev.chat.domain.push.PushTarget;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 8030 push requests: the payload encrypted for the subscription (RFC 8291, {@code aes128gcm}),
 * signed for the push service with this server's VAPID key (RFC 8292, ES256, {@code vapid t=…, k=…}),
 * with a {@code TTL}, an {@code Urgency} and a {@code Topic} per chat, so that a push service
 * holding several undelivered pushes of one chat for a device keeps only the newest.
 */
public final class WebPushRequests {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private static final Duration TOKEN_LIFE = Duration.ofHours(12);
    private static final Duration TOKEN_REUSE = Duration.ofHours(6);
    /** Push services are few (one origin per browser vendor); more origins than this is someone's test rig. */
    private static final int MAX_AUDIENCES = 1_000;

    private final WebPush webPush;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final int ttlSeconds;
    private final WebPush.Urgency urgency;

    /**
     * @param subject the VAPID {@code sub}: a {@code mailto:} or {@code https:} address where a push
     *                service's operator can reach this server's operator
     * @param urgency {@code very-low}, {@code low}, {@code normal} or {@code high} (RFC 8030 section 5.3)
     */
    public WebPushRequests(PushServerKeys keys, String subject, Duration ttl, String urgency, Clock clock) {
        this.clock = clock;
        PushServerKeys.VapidKeyPair pair = keys.vapid();
        if (!subject.startsWith("mailto:") && !subject.startsWith("https:")) {
            throw new IllegalArgumentException("chat.push.web-push.subject is a mailto: or https: address (RFC 8292), not "
                    + subject);
        }
        this.webPush = new WebPush(subject, VapidKeys.fromUncompressedBytes(BASE64URL.encodeToString(pair.publicKey()),
                BASE64URL.encodeToString(pair.privateKey())));
        this.ttlSeconds = Math.toIntExact(ttl.toSeconds());
        this.urgency = urgencyOf(urgency);
    }

    public HttpRequest.Builder request(PushTarget.WebPush target, Notification notification) {
        byte[] body = webPush.getBody(PushPayload.forWebPush(notification),
                BASE64URL_DECODER.decode(target.p256dh()), BASE64URL_DECODER.decode(target.auth()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target.endpoint())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> headers = webPush.getHeadersWithToken(tokenFor(webPush.getAudience(target.endpoint().toString())),
                ttlSeconds, topicOf(notification.chat().value()), urgency);
        headers.forEach(request::header);
        return request;
    }

    /**
     * The VAPID token for a push service's origin, signed once and reused for half its 12-hour life:
     * an ES256 signature per push would cost more CPU than the rest of the request.
     */
    private String tokenFor(String audience) {
        long now = clock.millis();
        Token token = tokens.get(audience);
        if (token == null || now - token.signedAt() > TOKEN_REUSE.toMillis()) {
            token = new Token(webPush.getToken(audience, (int) TOKEN_LIFE.toSeconds()), now);
            if (tokens.size() > MAX_AUDIENCES) {
                tokens.clear();
            }
            tokens.put(audience, token);
        }
        return token.value();
    }

    private record Token(String value, long signedAt) {
    }

    /** A chat's topic: its id's 16 bytes in base64url (22 characters; RFC 8030 allows 32 of that alphabet). */
    static String topicOf(UUID chat) {
        return BASE64URL.encodeToString(ByteBuffer.allocate(16).putLong(chat.getMostSignificantBits())
                .putLong(chat.getLeastSignificantBits()).array());
    }

    private static WebPush.Urgency urgencyOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "very-low" -> WebPush.Urgency.VeryLow;
            case "low" -> WebPush.Urgency.Low;
            case "normal" -> WebPush.Urgency.Normal;
            case "high" -> WebPush.Urgency.High;
            default -> throw new IllegalArgumentException("chat.push.web-push.urgency is very-low, low, normal or high, not "
                    + name);
        };
    }
}
