package dev.chat.adapter.out.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** bcrypt through Spring Security's implementation, at the test cost. */
class BcryptPasswordHasherTest {
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void hashesSoThatOnlyThePasswordMatches() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).doesNotContain("correct horse battery staple").startsWith("$2b$04$").hasSize(60);
        assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void usesTheConfiguredCost() {
        BcryptPasswordHasher configured = new BcryptPasswordHasher(AuthSettings.defaults().withBcryptCost(5));

        assertThat(configured.hash("a password")).startsWith("$2b$05$");
        assertThat(new BcryptPasswordHasher(AuthSettings.defaults()).cost()).isEqualTo(10);
    }

    @Test
    void acceptsTheLongestPasswordsTheRulesAllowCuttingThemWhereBcryptStops() {
        String longest = "é".repeat(128);

        String hash = hasher.hash(longest);

        assertThat(hasher.matches(longest, hash)).isTrue();
        // bcrypt reads 72 bytes: 36 two-byte characters; what follows does not count
        assertThat(hasher.matches("é".repeat(36) + "anything", hash)).isTrue();
        assertThat(hasher.matches("é".repeat(35), hash)).isFalse();
    }

    @Test
    void readsHashesOfOtherBcryptVersions() {
        // $2a$ as written by older Spring Security and most libraries
        String legacy = org.springframework.security.crypto.bcrypt.BCrypt.hashpw("old password",
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt("$2a", 4));

        assertThat(hasher.matches("old password", legacy)).isTrue();
    }

    @Test
    void aBrokenOrMissingHashMatchesNothing() {
        assertThat(hasher.matches("password", "not a bcrypt hash")).isFalse();
        assertThat(hasher.matches("password", "")).isFalse();
        assertThat(hasher.matches("password", null)).isFalse();
        assertThat(hasher.matches(null, hasher.hash("password"))).isFalse();
    }
}
