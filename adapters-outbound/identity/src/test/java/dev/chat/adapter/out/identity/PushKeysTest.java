package dev.chat.adapter.out.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushKeysTest {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path data;

    @Test
    void theEmbeddedDefaultMakesAVapidPairAndAWebhookSecretAtTheFirstStartAndKeepsThemForItsOwnerOnly() throws Exception {
        PushKeys first = new PushKeys("", "", "", false, data);
        PushKeys again = new PushKeys("", "", "", false, data);

        assertThat(first.vapid().publicKey()).hasSize(65).startsWith(4);
        assertThat(first.vapid().privateKey()).hasSize(32);
        assertThat(again.vapid().publicKey()).isEqualTo(first.vapid().publicKey());
        assertThat(again.vapid().privateKey()).isEqualTo(first.vapid().privateKey());
        assertThat(again.webhookSecret()).isEqualTo(first.webhookSecret()).hasSize(32);
        for (String file : new String[]{"vapid.keys", "webhook.secret"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("identity").resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(data.resolve("identity/vapid.keys")).strip().split("\n"))
                .as("the web-push tools' format: public key, then private key, base64url")
                .containsExactly(BASE64URL.encodeToString(first.vapid().publicKey()),
                        BASE64URL.encodeToString(first.vapid().privateKey()));
    }

    @Test
    void configuredKeysAreUsedAsGivenOnEveryNode() {
        PushKeys made = new PushKeys("", "", "", false, data);
        String publicKey = BASE64URL.encodeToString(made.vapid().publicKey());
        String privateKey = BASE64URL.encodeToString(made.vapid().privateKey());
        String secret = BASE64URL.encodeToString(new byte[40]);

        PushKeys configured = new PushKeys(publicKey, privateKey, secret, true, data.resolve("elsewhere"));

        assertThat(configured.vapid().publicKey()).isEqualTo(made.vapid().publicKey());
        assertThat(configured.webhookSecret()).hasSize(40);
        assertThat(data.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void missingRequiredKeysAMismatchedPairOrAShortSecretStopTheStartWithTheReason() {
        PushKeys one = new PushKeys("", "", "", false, data.resolve("one"));
        PushKeys other = new PushKeys("", "", "", false, data.resolve("other"));
        String secret = BASE64URL.encodeToString(new byte[32]);

        assertThatThrownBy(() -> new PushKeys("", "", secret, true, data))
                .hasMessageContaining("chat.push.vapid.public-key").hasMessageContaining("CHAT_PUSH_VAPID_PRIVATE_KEY");
        assertThatThrownBy(() -> new PushKeys(BASE64URL.encodeToString(one.vapid().publicKey()),
                BASE64URL.encodeToString(other.vapid().privateKey()), secret, true, data))
                .hasMessageContaining("not one pair");
        assertThatThrownBy(() -> new PushKeys(BASE64URL.encodeToString(one.vapid().publicKey()),
                BASE64URL.encodeToString(one.vapid().privateKey()), "", true, data))
                .hasMessageContaining("CHAT_PUSH_WEBHOOK_SECRET");
        assertThatThrownBy(() -> new PushKeys(BASE64URL.encodeToString(one.vapid().publicKey()),
                BASE64URL.encodeToString(one.vapid().privateKey()), BASE64URL.encodeToString(new byte[16]), true, data))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new PushKeys("bm90IGEga2V5", BASE64URL.encodeToString(one.vapid().privateKey()), secret,
                true, data)).hasMessageContaining("holds 9 bytes; at least 65");
    }
}
