package dev.chat.adapter.out.identity;

import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.contract.AccessTokenVerifierContract;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The verifier keeps the {@link AccessTokenVerifier} contract on the embedded default: the tokens
 * are the embedded issuer's own, issued for a user, and verified in-process against its key. So
 * this is also the contract that a token the issuer issued verifies to that user.
 */
class EmbeddedKeysVerifierContractTest extends AccessTokenVerifierContract {
    private static final AuthSettings SETTINGS = AuthSettings.defaults().withBcryptCost(4);

    @TempDir
    static Path ourDataDir;
    @TempDir
    static Path anotherInstallation;

    private static JwtAccessTokenVerifier verifier;

    @BeforeAll
    static void createKeys() {
        verifier = new JwtAccessTokenVerifier(SETTINGS, Optional.of(new EmbeddedTokenIssuer(SETTINGS, ourDataDir.toString())));
        new EmbeddedTokenIssuer(SETTINGS, anotherInstallation.toString());
    }

    @AfterAll
    static void closeVerifier() {
        verifier.close();
    }

    @Override
    protected AccessTokenVerifier verifier() {
        return verifier;
    }

    @Override
    protected String trustedIssuer() {
        return SETTINGS.issuer();
    }

    @Override
    protected String audience() {
        return SETTINGS.audience();
    }

    @Override
    protected String signed(Claims claims) {
        return issuedWithKeyIn(ourDataDir, claims);
    }

    @Override
    protected String signedByAStranger(Claims claims) {
        return issuedWithKeyIn(anotherInstallation, claims);
    }

    /** The claims as the embedded issuer writes them: an issuer of that name and audience, at that time, for that user. */
    private static String issuedWithKeyIn(Path dataDir, Claims claims) {
        AuthSettings settings = new AuthSettings(claims.issuer(), claims.audience(), "",
                Duration.between(claims.issuedAt(), claims.expiresAt()), SETTINGS.clockSkew(), SETTINGS.bcryptCost());
        EmbeddedTokenIssuer issuer = new EmbeddedTokenIssuer(settings, SigningKeyFile.inDataDir(dataDir),
                Clock.fixed(claims.issuedAt(), ZoneOffset.UTC));
        User user = new User(new UserId(UUID.randomUUID()), new Username(claims.preferredUsername()),
                claims.displayName(), new ExternalIdentity(claims.issuer(), claims.subject()));
        return issuer.issue(user).accessToken();
    }
}
