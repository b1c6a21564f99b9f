package dev.chat.application.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing the embedded issuer's public keys, for anyone who verifies its tokens. */
class PublishSigningKeysTest {
    @Test
    void theKeysPublishedAreTheIssuersJwkSet() {
        PublishSigningKeys keys = new PublishSigningKeys(new FakeTokenIssuer());

        assertThat(keys.jwkSet()).isEqualTo(FakeTokenIssuer.JWK_SET);
    }
}
