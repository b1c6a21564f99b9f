package dev.chat.adapter.out.identity;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.chat.adapter.out.identity.TestKeys.AUDIENCE;
import static dev.chat.adapter.out.identity.TestKeys.ISSUER;
import static dev.chat.adapter.out.identity.TestKeys.PROVIDER_RSA;
import static dev.chat.adapter.out.identity.TestKeys.ROTATED_RSA;
import static dev.chat.adapter.out.identity.TestKeys.claims;
import static dev.chat.adapter.out.identity.TestKeys.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider's JWKS endpoint down for longer than the key cache lives, as when Keycloak restarts
 * (one to three minutes on two busy cores, against a 5 minute cache): the keys fetched before keep
 * verifying for a bounded time, with the default timings scaled down to seconds.
 */
class ProviderOutageTest {
    private static final JwtAccessTokenVerifier.KeyTimings SECONDS = new JwtAccessTokenVerifier.KeyTimings(
            Duration.ofMillis(1_500), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(1_000),
            Duration.ofSeconds(4));

    private final Logger verifierLog = (Logger) LoggerFactory.getLogger(JwtAccessTokenVerifier.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private JwksServer provider;
    private JwtAccessTokenVerifier verifier;
    private Instant fetched;

    @BeforeEach
    void start() {
        captured.start();
        verifierLog.addAppender(captured);
        provider = JwksServer.publishing(PROVIDER_RSA);
        AuthSettings settings = new AuthSettings(ISSUER, AUDIENCE, provider.uri(), Duration.ofHours(1),
                Duration.ofSeconds(30), 4);
        verifier = new JwtAccessTokenVerifier(settings,
                JwtAccessTokenVerifier.KeySource.remote(provider.uri(), SECONDS), Clock.systemUTC());
        verifier.verify(signed(PROVIDER_RSA, claims().build()));
        fetched = Instant.now();
        assertThat(provider.requests()).isEqualTo(1);
    }

    @AfterEach
    void stop() {
        verifier.close();
        provider.close();
        verifierLog.detachAppender(captured);
    }

    @Test
    void keysFetchedBeforeKeepVerifyingAfterTheCacheExpiredWhileTheProviderIsDown() throws InterruptedException {
        provider.failWith(503);
        waitUntil(fetched.plus(SECONDS.cacheTtl()).plusMillis(200));

        assertThat(verifier.verify(signed(PROVIDER_RSA, claims().build())).identity().subject()).isEqualTo("00u1a2b3c4");
        assertThat(provider.requests()).as("the provider was asked, and failed").isGreaterThan(1);
        assertThat(warnings()).anySatisfy(line -> assertThat(line)
                .contains("keys cannot be fetched", provider.uri(), "the keys fetched before"));

        // a key it never saw cannot be checked: an outage, not a bad signature
        assertRefused(signed(ROTATED_RSA, claims().build()), TokenFailure.UNAVAILABLE);
    }

    @Test
    void butNoLongerThanTheOutageTolerance() throws InterruptedException {
        provider.failWith(503);
        waitUntil(fetched.plus(SECONDS.outageTolerance()).plusMillis(200));

        assertRefused(signed(PROVIDER_RSA, claims().build()), TokenFailure.UNAVAILABLE);
    }

    @Test
    void aProviderBackInServiceIsAskedAgain() throws InterruptedException {
        provider.failWith(503);
        waitUntil(fetched.plus(SECONDS.cacheTtl()).plusMillis(200));
        verifier.verify(signed(PROVIDER_RSA, claims().build()));

        provider.publish(PROVIDER_RSA, ROTATED_RSA);
        provider.failWith(200);
        waitUntil(Instant.now().plus(SECONDS.minFetchInterval()).plusMillis(200));

        assertThat(verifier.verify(signed(ROTATED_RSA, claims().build())).identity().subject()).isEqualTo("00u1a2b3c4");
    }

    private void assertRefused(String token, TokenFailure expected) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }

    private List<String> warnings() {
        synchronized (captured) {
            return captured.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /* time has to pass for a cache to expire; the clock is the condition */
    private static void waitUntil(Instant moment) throws InterruptedException {
        for (long left = Duration.between(Instant.now(), moment).toMillis(); left > 0;
             left = Duration.between(Instant.now(), moment).toMillis()) {
            Thread.sleep(left);
        }
    }
}
