package dev.chat.adapter.out.identity;

import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys derived from the shared secret: the same on every node, different for any other ticket or secret. */
class HmacPresenceSessionKeysTest {
    private static final String SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    private final UserId ada = new UserId(UUID.randomUUID());

    @TempDir
    Path dataDir;

    @Test
    void twoNodesWithTheSameSecretDeriveTheSameKeyAndAnyOtherTicketGivesAnother() {
        HmacPresenceSessionKeys nodeA = new HmacPresenceSessionKeys(SECRET, true, dataDir);
        HmacPresenceSessionKeys nodeB = new HmacPresenceSessionKeys(SECRET, true, dataDir.resolve("b"));

        byte[] key = nodeA.keyOf(1, 2, ada, 1_000);
        assertThat(key).hasSize(32).isEqualTo(nodeB.keyOf(1, 2, ada, 1_000));
        assertThat(nodeA.keyOf(1, 3, ada, 1_000)).isNotEqualTo(key);
        assertThat(nodeA.keyOf(0, 2, ada, 1_000)).isNotEqualTo(key);
        assertThat(nodeA.keyOf(1, 2, new UserId(UUID.randomUUID()), 1_000)).as("another user").isNotEqualTo(key);
        assertThat(nodeA.keyOf(1, 2, ada, 1_001)).as("a later expiry").isNotEqualTo(key);
        byte[] otherBytes = new byte[32];
        otherBytes[31] = 1;
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(otherBytes);
        assertThat(new HmacPresenceSessionKeys(other, true, dataDir).keyOf(1, 2, ada, 1_000)).isNotEqualTo(key);
    }

    @Test
    void withoutAConfiguredSecretTheEmbeddedDefaultKeepsOneInTheDataFolderForItsOwnerOnly() throws Exception {
        byte[] first = new HmacPresenceSessionKeys("", false, dataDir).keyOf(1, 2, ada, 1_000);
        Path file = dataDir.resolve("identity").resolve("presence-session.secret");
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new HmacPresenceSessionKeys("", false, dataDir).keyOf(1, 2, ada, 1_000))
                .as("after a restart, sessions issued before stay valid").isEqualTo(first);
    }

    @Test
    void aMissingRequiredOrShortOrMalformedSecretStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> new HmacPresenceSessionKeys("", true, dataDir))
                .hasMessageContaining("CHAT_PRESENCE_SESSION_SECRET").hasMessageContaining("same secret");
        assertThatThrownBy(() -> new HmacPresenceSessionKeys("c2hvcnQ", true, dataDir))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new HmacPresenceSessionKeys("not base64 at all!", true, dataDir))
                .hasMessageContaining("not base64url");
        assertThat(dataDir.resolve("identity")).as("nothing written when the secret is required").doesNotExist();
    }
}
