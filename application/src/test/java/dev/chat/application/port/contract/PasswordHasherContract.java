package dev.chat.application.port.contract;

import dev.chat.application.port.PasswordHasher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PasswordHasher} promises: a salted one-way hash that only the right password
 * matches. Slowness is promised too, but a test cannot tell slow from fast honestly; adapters run
 * this at their cheapest cost setting.
 */
public abstract class PasswordHasherContract {
    /** The adapter under test, at the cheapest cost it allows. */
    protected abstract PasswordHasher hasher();

    @Test
    void the_right_password_matches_its_hash() {
        String hash = hasher().hash("correct horse battery staple");

        assertThat(hasher().matches("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void other_passwords_do_not_match() {
        String hash = hasher().hash("correct horse battery staple");

        assertThat(hasher().matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher().matches("Correct horse battery staple", hash)).isFalse();
        assertThat(hasher().matches("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher().matches("", hash)).isFalse();
    }

    @Test
    void the_hash_does_not_give_the_password_away() {
        String password = "correct horse battery staple";

        String hash = hasher().hash(password);

        assertThat(hash).isNotBlank().doesNotContainIgnoringCase(password)
                .doesNotContain(new StringBuilder(password).reverse());
    }

    @Test
    void every_hash_is_salted_so_the_same_password_hashes_differently() {
        String first = hasher().hash("same password");
        String second = hasher().hash("same password");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher().matches("same password", first)).isTrue();
        assertThat(hasher().matches("same password", second)).isTrue();
    }

    @Test
    void passwords_as_long_and_as_varied_as_the_rules_allow_match() {
        // 128 UTF-16 characters (the password rules' maximum), some beyond the Basic Multilingual Plane
        String longest = "é😀Zz".repeat(24) + "ünïcödé!";
        assertThat(longest).hasSize(128);
        String hash = hasher().hash(longest);

        assertThat(hasher().matches(longest, hash)).isTrue();
        assertThat(hasher().matches("é😀Zz", hash)).isFalse();
    }

    @Test
    void a_string_that_is_no_hash_of_this_hasher_matches_nothing() {
        assertThat(hasher().matches("password", "password")).isFalse();
        assertThat(hasher().matches("password", "not a hash at all")).isFalse();
    }
}
