package dev.chat.application.port.contract;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.TokenIssuer;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import org.junit.jupiter.api.Test;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static dev.chat.application.port.contract.PortFixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TokenIssuer} promises on its own: a fixed issuer name, a bearer token with a
 * positive lifetime for each user it vouches for, and a public JWK Set. That its tokens verify to
 * the user is checked where a verifier trusts it: {@link AccessTokenVerifierContract}, run on the
 * issuer's tokens.
 */
public abstract class TokenIssuerContract {
    /** RFC 6750's b64token: what an Authorization header can carry as is. */
    private static final String BEARER_TOKEN = "[A-Za-z0-9\\-._~+/]+=*";

    /** The adapter under test. */
    protected abstract TokenIssuer issuer();

    /** A user who signed up here: the issuer's own name vouches for them, as SignUp makes them. */
    protected User userOfThisIssuer() {
        var id = userId();
        return new User(id, username(), "Someone Here", new ExternalIdentity(issuer().issuer(), id.toString()));
    }

    @Test
    void the_issuer_has_one_name() {
        assertThat(issuer().issuer()).isNotBlank().isEqualTo(issuer().issuer());
    }

    @Test
    void a_user_of_this_issuer_gets_a_bearer_token_with_a_lifetime() {
        IssuedToken token = issuer().issue(userOfThisIssuer());

        assertThat(token.accessToken()).matches(BEARER_TOKEN);
        assertThat(token.expiresIn()).isPositive();
        assertThat(token.toString()).doesNotContain(token.accessToken());
    }

    @Test
    void users_get_tokens_of_their_own() {
        IssuedToken one = issuer().issue(userOfThisIssuer());
        IssuedToken another = issuer().issue(userOfThisIssuer());

        assertThat(one.accessToken()).isNotEqualTo(another.accessToken());
    }

    @Test
    void a_user_another_provider_vouches_for_gets_no_token() {
        var id = userId();
        User fromElsewhere = new User(id, username(), "Someone Else",
                new ExternalIdentity("https://another-provider.example", id.toString()));

        assertThatThrownBy(() -> issuer().issue(fromElsewhere)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_public_keys_are_a_jwk_set_without_private_parts() {
        String json = issuer().publicJwkSetJson().strip();

        assertThat(json).startsWith("{").endsWith("}").contains("\"keys\"").contains("\"kty\"");
        for (String privatePart : new String[]{"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\""}) {
            assertThat(json).as("private key member %s", privatePart).doesNotContain(privatePart);
        }
        assertThat(issuer().publicJwkSetJson()).isEqualTo(issuer().publicJwkSetJson());
    }
}
