package dev.chat.domain.push;

import dev.chat.domain.RejectedException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only usable, safe targets are accepted: https (http on loopback), no credentials, keys of the right size. */
class PushTargetTest {
    private static final String KEY = b64(key(65, (byte) 4));
    private static final String AUTH = b64(new byte[16]);

    @Test
    void aBrowsersSubscriptionAndAnHttpsWebhookAreAccepted() {
        PushTarget.WebPush web = new PushTarget.WebPush(URI.create("https://fcm.googleapis.com/fcm/send/abc:def"), KEY, AUTH);
        assertThat(web.address().getHost()).isEqualTo("fcm.googleapis.com");
        assertThat(new PushTarget.Webhook(URI.create("https://hooks.example.com/x?y=1")).address())
                .hasToString("https://hooks.example.com/x?y=1");
        assertThat(new PushTarget.Webhook(URI.create("http://127.0.0.1:9000/hook")).address().getPort()).isEqualTo(9000);
        assertThat(new PushTarget.Webhook(URI.create("http://localhost/hook"))).isNotNull();
    }

    @Test
    void anythingElseIsRefusedAsInvalidInput() {
        assertRefused(() -> new PushTarget.Webhook(URI.create("http://hooks.example.com/x")), "https");
        assertRefused(() -> new PushTarget.Webhook(URI.create("ftp://hooks.example.com/x")), "https");
        assertRefused(() -> new PushTarget.Webhook(URI.create("https://user:secret@hooks.example.com/")), "credentials");
        assertRefused(() -> new PushTarget.Webhook(URI.create("/relative")), "absolute");
        assertRefused(() -> new PushTarget.Webhook(URI.create("https://hooks.example.com/x#frag")), "fragment");
        assertRefused(() -> new PushTarget.Webhook(URI.create("https://h.example.com/" + "a".repeat(2100))), "at most");
        assertRefused(() -> new PushTarget.Webhook(null), "required");
        URI endpoint = URI.create("https://push.example.net/x");
        assertRefused(() -> new PushTarget.WebPush(endpoint, b64(key(64, (byte) 4)), AUTH), "65 bytes");
        assertRefused(() -> new PushTarget.WebPush(endpoint, b64(key(65, (byte) 3)), AUTH), "65 bytes");
        assertRefused(() -> new PushTarget.WebPush(endpoint, "not base64!", AUTH), "base64url");
        assertRefused(() -> new PushTarget.WebPush(endpoint, KEY, b64(new byte[15])), "16 bytes");
        assertRefused(() -> new PushTarget.WebPush(endpoint, KEY, null), "required");
    }

    private static void assertRefused(Runnable making, String because) {
        assertThatThrownBy(making::run).isInstanceOf(RejectedException.class).hasMessageContaining(because);
    }

    private static byte[] key(int length, byte first) {
        byte[] key = new byte[length];
        key[0] = first;
        return key;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
