package dev.chat.application.port.contract;

import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.CredentialStore.StoredCredentials;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import org.junit.jupiter.api.Test;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static dev.chat.application.port.contract.PortFixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link CredentialStore} promises; an adapter's test extends this and supplies the adapter. */
public abstract class CredentialStoreContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh ids). */
    protected abstract CredentialStore credentials();

    @Test
    void saved_credentials_are_found_by_username() {
        StoredCredentials saved = new StoredCredentials(userId(), username(), "$hash$one");
        credentials().save(saved);

        assertThat(credentials().findByUsername(saved.username())).contains(saved);
    }

    @Test
    void unknown_usernames_have_no_credentials() {
        assertThat(credentials().findByUsername(username())).isEmpty();
    }

    @Test
    void saving_again_for_the_same_user_replaces_the_hash() {
        StoredCredentials first = new StoredCredentials(userId(), username(), "$hash$old");
        credentials().save(first);
        StoredCredentials second = new StoredCredentials(first.user(), first.username(), "$hash$new");
        credentials().save(second);

        assertThat(credentials().findByUsername(first.username())).contains(second);
    }

    @Test
    void a_username_holds_the_credentials_of_one_user_only() {
        StoredCredentials first = new StoredCredentials(userId(), username(), "$hash$first");
        credentials().save(first);

        assertThatThrownBy(() -> credentials().save(new StoredCredentials(userId(), first.username(), "$hash$x")))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.USERNAME_TAKEN));
        assertThat(credentials().findByUsername(first.username())).contains(first);
    }
}
