package dev.chat.application.port.contract;

import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.chat.application.port.contract.PortFixtures.user;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static dev.chat.application.port.contract.PortFixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link UserRepository} promises; an adapter's test extends this and supplies the adapter. */
public abstract class UserRepositoryContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh ids). */
    protected abstract UserRepository users();

    @Test
    void a_created_user_is_found_by_id_username_and_identity() {
        User user = user();
        users().create(user);

        assertThat(users().findById(user.id())).contains(user);
        assertThat(users().findByUsername(user.username())).contains(user);
        assertThat(users().findByIdentity(user.identity())).contains(user);
    }

    @Test
    void unknown_users_are_absent() {
        assertThat(users().findById(userId())).isEmpty();
        assertThat(users().findByUsername(username())).isEmpty();
        assertThat(users().findByIdentity(new ExternalIdentity("https://issuer.test", "nobody-" + userId())))
                .isEmpty();
    }

    @Test
    void a_taken_username_is_refused_and_nothing_is_stored() {
        User first = user();
        users().create(first);
        UserId otherId = userId();
        User second = new User(otherId, first.username(), "Other", new ExternalIdentity("https://issuer.test",
                otherId.toString()));

        assertThatThrownBy(() -> users().create(second))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.USERNAME_TAKEN));
        assertThat(users().findById(otherId)).isEmpty();
        assertThat(users().findByIdentity(second.identity())).isEmpty();
        assertThat(users().findByUsername(first.username())).contains(first);
    }

    @Test
    void an_identity_that_belongs_to_someone_is_refused_and_nothing_is_stored() {
        User first = user();
        users().create(first);
        User second = new User(userId(), username(), "Other", first.identity());

        assertThatThrownBy(() -> users().create(second))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.USERNAME_TAKEN));
        assertThat(users().findById(second.id())).isEmpty();
        assertThat(users().findByUsername(second.username())).isEmpty();
        assertThat(users().findByIdentity(first.identity())).contains(first);
    }

    @Test
    void find_all_returns_the_known_users_among_the_ids() {
        User a = user();
        User b = user();
        users().create(a);
        users().create(b);

        assertThat(users().findAll(List.of(a.id(), userId(), b.id()))).containsExactlyInAnyOrder(a, b);
        assertThat(users().findAll(List.of())).isEmpty();
    }

    @Test
    void of_concurrent_sign_ups_with_one_username_exactly_one_wins() throws Exception {
        Username contested = username();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> {
                UserId id = userId();
                try {
                    users().create(new User(id, contested, null, new ExternalIdentity("https://issuer.test",
                            id.toString())));
                    return true;
                } catch (RejectedException e) {
                    assertThat(e.rejection()).isEqualTo(Rejection.USERNAME_TAKEN);
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            int winners = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(users().findByUsername(contested)).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }
}
