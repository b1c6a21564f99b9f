package dev.chat.adapter.out.identity;

import dev.chat.domain.user.TokenFailure;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Checks an access token's claims (issuer, audience, validity period, subject) and says which one failed. */
final class AccessTokenClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {
    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;

    AccessTokenClaimsVerifier(String issuer, String audience, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws RejectedClaim {
        if (!issuer.equals(claims.getIssuer())) {
            throw new RejectedClaim(TokenFailure.WRONG_ISSUER, "the token's issuer is not trusted here");
        }
        List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience)) {
            throw new RejectedClaim(TokenFailure.WRONG_AUDIENCE, "the token is meant for another audience");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            // a token without an end would be good forever once leaked
            throw new RejectedClaim(TokenFailure.MALFORMED, "the token has no expiry");
        }
        Instant now = clock.instant();
        if (now.minus(clockSkew).isAfter(expiry.toInstant())) {
            throw new RejectedClaim(TokenFailure.EXPIRED, "the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
            throw new RejectedClaim(TokenFailure.EXPIRED, "the token is not valid yet");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new RejectedClaim(TokenFailure.MALFORMED, "the token names no subject");
        }
    }

    /** A claim the token failed on, with the failure the port reports for it. */
    static final class RejectedClaim extends BadJWTException {
        private final transient TokenFailure failure;

        RejectedClaim(TokenFailure failure, String message) {
            super(message);
            this.failure = failure;
        }

        TokenFailure failure() {
            return failure;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // an expected outcome, possibly at an attacker's rate: no stack trace to pay for
            return this;
        }
    }
}
