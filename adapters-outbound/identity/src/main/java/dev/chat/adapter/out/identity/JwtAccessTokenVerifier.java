package dev.chat.adapter.out.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.EventListener;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.domain.user.ExternalIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Verifies OIDC access tokens (signed JWTs) against the provider's published keys (JWKS), or the
 * embedded issuer's own key when no provider is configured: signature, issuer, audience, validity.
 */
@Singleton
public final class JwtAccessTokenVerifier implements AccessTokenVerifier, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAccessTokenVerifier.class);

    /** Public-key algorithms only: with a shared secret (HS*) anyone who can verify could also forge. */
    static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /* "JWT" and RFC 9068's "at+jwt" are what providers put on access tokens; many put nothing */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ACCESS_TOKEN_TYPES =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                    new JOSEObjectType("application/at+jwt"), null);

    /* far above any real access token; refuses huge inputs before any JSON is parsed */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;
    private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(30);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final KeySource keys;
    private final LogThrottle unavailableLog = new LogThrottle(OUTAGE_LOG_INTERVAL);

    @Inject
    public JwtAccessTokenVerifier(AuthSettings settings, Optional<EmbeddedTokenIssuer> embeddedIssuer) {
        this(settings, keySource(settings, embeddedIssuer), Clock.systemUTC());
    }

    JwtAccessTokenVerifier(AuthSettings settings, KeySource keys, Clock clock) {
        this.keys = keys;
        // one processor for all calls: it is thread-safe once configured
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(ACCESS_TOKEN_TYPES);
        processor.setJWSKeySelector(new CachingKeySelector(ACCEPTED_ALGORITHMS, keys.source(), keys::lastFetchFailed));
        processor.setJWSVerifierFactory(new CachingVerifierFactory());
        processor.setJWTClaimsSetVerifier(
                new AccessTokenClaimsVerifier(settings.issuer(), settings.audience(), settings.clockSkew(), clock));
    }

    @Override
    public VerifiedToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw refused(TokenFailure.MISSING, "no access token was presented");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused(TokenFailure.MALFORMED, "the token is too long");
        }
        SignedJWT signed = parse(token);
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (AccessTokenClaimsVerifier.RejectedClaim e) {
            throw refused(e.failure(), e.getMessage());
        } catch (BadJWTException e) {
            throw refused(TokenFailure.MALFORMED, "the token's claims are not a valid JSON object");
        } catch (BadJOSEException e) {
            // a signature that does not verify, or no published key with the token's kid and algorithm
            throw refused(TokenFailure.BAD_SIGNATURE, "the token's signature does not verify");
        } catch (RateLimitReachedException e) {
            // the keys were just refreshed: a kid they lack is unknown, unless the refresh itself failed
            if (keys.lastFetchFailed()) {
                throw unavailable(e);
            }
            throw refused(TokenFailure.BAD_SIGNATURE, "the token's signature does not verify");
        } catch (KeySourceException e) {
            throw unavailable(e);
        } catch (JOSEException e) {
            throw refused(TokenFailure.BAD_SIGNATURE, "the token's signature does not verify");
        }
        return new VerifiedToken(new ExternalIdentity(claims.getIssuer(), claims.getSubject()),
                stringClaim(claims, "preferred_username"), stringClaim(claims, "name"));
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refused(TokenFailure.MALFORMED, "the token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw refused(TokenFailure.BAD_SIGNATURE, "unsigned tokens (alg none) are refused");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw refused(TokenFailure.MALFORMED, "encrypted tokens are not accepted");
        }
        if (!ACCEPTED_ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw refused(TokenFailure.BAD_SIGNATURE, "the token's signature algorithm is not accepted");
        }
        try {
            ACCESS_TOKEN_TYPES.verify(signed.getHeader().getType(), null);
        } catch (BadJOSEException e) {
            throw refused(TokenFailure.MALFORMED, "the token is not an access token (typ)");
        }
        return signed;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value && !value.isBlank() ? value : null;
    }

    private static InvalidTokenException refused(TokenFailure failure, String message) {
        // the token itself is never logged: it is a credential until it expires
        LOG.debug("access token refused: {}", failure.code());
        return new InvalidTokenException(failure, message);
    }

    private InvalidTokenException unavailable(KeySourceException cause) {
        if (unavailableLog.due()) {
            LOG.warn("the identity provider's keys cannot be fetched ({}): {}", keys.description(), cause.getMessage());
        }
        return new InvalidTokenException(TokenFailure.UNAVAILABLE, "the identity provider's keys cannot be fetched");
    }

    @Override
    @PreDestroy
    public void close() {
        keys.close();
    }

    private static KeySource keySource(AuthSettings settings, Optional<EmbeddedTokenIssuer> embeddedIssuer) {
        if (settings.usesRemoteKeys()) {
            return KeySource.remote(settings.jwksUri());
        }
        return embeddedIssuer.map(KeySource::embedded).orElseThrow(() -> new IllegalStateException(
                "no keys to verify access tokens with: set chat.auth.jwks-uri to the identity provider's JWKS, "
                        + "or enable the embedded issuer (chat.auth.embedded-issuer.enabled)"));
    }

    /**
     * How long fetched keys are used before they are fetched again, how early that starts, how long
     * it may take, how often the provider may be asked at most, and how long the keys of the last
     * successful fetch still verify while the provider cannot be reached.
     */
    record KeyTimings(Duration cacheTtl, Duration refreshAhead, Duration refreshTimeout, Duration minFetchInterval,
                      Duration outageTolerance) {
        static final KeyTimings DEFAULTS = new KeyTimings(
                Duration.ofMillis(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE),
                Duration.ofMillis(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME),
                Duration.ofMillis(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT),
                Duration.ofMillis(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL),
                Duration.ofHours(1));
    }

    /** Where the verification keys come from, and what to say about it when they cannot be had. */
    record KeySource(JWKSource<SecurityContext> source, FetchOutcomeTracker fetches, ExecutorService refresher,
                     String description) {

        /**
         * The provider's JWK Set over HTTP(S): cached, refreshed ahead of expiry, rate-limited, retried
         * once, and the last one fetched kept for a while when the provider cannot be reached.
         */
        static KeySource remote(String jwksUri) {
            return remote(jwksUri, KeyTimings.DEFAULTS);
        }

        static KeySource remote(String jwksUri, KeyTimings timings) {
            URL url = httpUrl(jwksUri);
            DefaultResourceRetriever retriever =
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES);
            FetchOutcomeTracker fetches = new FetchOutcomeTracker(new URLBasedJWKSetSource<>(url, retriever));
            ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "jwks-refresh");
                thread.setDaemon(true);
                return thread;
            });
            LogThrottle staleKeysLog = new LogThrottle(OUTAGE_LOG_INTERVAL);
            EventListener<OutageTolerantJWKSetSource<SecurityContext>, SecurityContext> onOutage = event -> {
                if (staleKeysLog.due() && event instanceof OutageTolerantJWKSetSource.OutageEvent<?> outage) {
                    LOG.warn("the identity provider's keys cannot be fetched ({}): {}; verifying with the keys fetched "
                                    + "before, for {} s more at most", url, outage.getException().getMessage(),
                            TimeUnit.MILLISECONDS.toSeconds(outage.getRemainingTime()));
                }
            };
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(fetches)
                    .cache(timings.cacheTtl().toMillis(), timings.refreshTimeout().toMillis())
                    .refreshAheadCache(timings.refreshAhead().toMillis(), null, refresher, false, null, false)
                    .rateLimited(timings.minFetchInterval().toMillis())
                    .retrying(true)
                    // otherwise every token is refused once the cache expires during an outage, known key or not
                    .outageTolerant(timings.outageTolerance().toMillis(), onOutage)
                    .build();
            LOG.info("access tokens are verified against the keys at {}", url);
            return new KeySource(source, fetches, refresher, url.toString());
        }

        /** The embedded issuer's public key, in-process: no HTTP request to ourselves. */
        static KeySource embedded(EmbeddedTokenIssuer issuer) {
            LOG.info("access tokens are verified against the embedded issuer's key {}", issuer.keyId());
            return new KeySource(new ImmutableJWKSet<>(issuer.publicKeys()), null, null, "embedded issuer");
        }

        boolean lastFetchFailed() {
            return fetches != null && fetches.lastFetchFailed();
        }

        void close() {
            if (source instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    LOG.debug("closing the JWKS source failed", e);
                }
            }
            if (refresher != null) {
                refresher.shutdownNow();
                try {
                    refresher.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static URL httpUrl(String uri) {
            try {
                URI parsed = URI.create(uri);
                if (!"https".equalsIgnoreCase(parsed.getScheme()) && !"http".equalsIgnoreCase(parsed.getScheme())) {
                    throw new IllegalArgumentException("chat.auth.jwks-uri must be an http(s) URL: " + uri);
                }
                return parsed.toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("chat.auth.jwks-uri is not a valid URL: " + uri, e);
            }
        }
    }
}
