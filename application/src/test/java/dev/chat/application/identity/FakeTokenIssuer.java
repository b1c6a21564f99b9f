package dev.chat.application.identity;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.TokenIssuer;
import dev.chat.domain.user.User;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The embedded issuer, as far as the use cases see it: a name, a token per user, a key set. */
final class FakeTokenIssuer implements TokenIssuer {
    static final String NAME = "https://chat.example";
    static final String JWK_SET = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\",\"x\":\"AAAA\"}]}";

    private final List<User> issuedTo = new ArrayList<>();

    @Override
    public String issuer() {
        return NAME;
    }

    @Override
    public IssuedToken issue(User user) {
        if (!NAME.equals(user.identity().issuer())) {
            // as the embedded issuer does: a token from here would make a user of another provider someone else
            throw new IllegalArgumentException("user " + user.id() + " is vouched for by " + user.identity().issuer());
        }
        issuedTo.add(user);
        return new IssuedToken("token-for-" + user.id(), Duration.ofHours(1));
    }

    @Override
    public String publicJwkSetJson() {
        return JWK_SET;
    }

    /** Everyone a token was issued to, in order. */
    List<User> issuedTo() {
        return List.copyOf(issuedTo);
    }
}
