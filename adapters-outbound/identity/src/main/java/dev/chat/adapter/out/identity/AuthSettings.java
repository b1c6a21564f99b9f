package dev.chat.adapter.out.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** Token and password settings (prefix {@code chat.auth}); see this module's README. */
@ConfigurationProperties("chat.auth")
public record AuthSettings(
        /* the exact "iss" accepted, and the one the embedded issuer writes */
        @Bindable(defaultValue = "http://localhost:8080") String issuer,
        /* a token's "aud" must contain it */
        @Bindable(defaultValue = "chat") String audience,
        /* the provider's JWK Set; empty means: trust the embedded issuer's own key */
        @Bindable(defaultValue = "") String jwksUri,
        @Bindable(defaultValue = "1h") Duration tokenTtl,
        @Bindable(defaultValue = "30s") Duration clockSkew,
        @Bindable(defaultValue = "10") int bcryptCost) {

    public AuthSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("chat.auth.issuer must not be empty");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("chat.auth.audience must not be empty");
        }
        jwksUri = jwksUri == null ? "" : jwksUri.strip();
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("chat.auth.token-ttl must be positive");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("chat.auth.clock-skew must not be negative");
        }
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("chat.auth.bcrypt-cost must be 4 to 31");
        }
    }

    /** The defaults, for code and tests that run without a Micronaut context. */
    public static AuthSettings defaults() {
        return new AuthSettings("http://localhost:8080", "chat", "", Duration.ofHours(1), Duration.ofSeconds(30), 10);
    }

    public AuthSettings withJwksUri(String uri) {
        return new AuthSettings(issuer, audience, uri, tokenTtl, clockSkew, bcryptCost);
    }

    public AuthSettings withIssuer(String otherIssuer) {
        return new AuthSettings(otherIssuer, audience, jwksUri, tokenTtl, clockSkew, bcryptCost);
    }

    public AuthSettings withBcryptCost(int cost) {
        return new AuthSettings(issuer, audience, jwksUri, tokenTtl, clockSkew, cost);
    }

    boolean usesRemoteKeys() {
        return !jwksUri.isEmpty();
    }
}
