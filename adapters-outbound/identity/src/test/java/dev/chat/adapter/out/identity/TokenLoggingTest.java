package dev.chat.adapter.out.identity;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Tokens are credentials: whatever happens to them, they do not reach the log, even at DEBUG. */
class TokenLoggingTest {
    private final Logger adapterLogger = (Logger) LoggerFactory.getLogger("dev.chat.adapter.out.identity");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = adapterLogger.getLevel();
        adapterLogger.setLevel(Level.DEBUG);
        captured.start();
        adapterLogger.addAppender(captured);
    }

    @AfterEach
    void release() {
        adapterLogger.detachAppender(captured);
        adapterLogger.setLevel(previousLevel);
    }

    @Test
    void noTokenOrSignatureIsLoggedWhetherAcceptedOrRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        List<String> tokens = List.of(
                TestKeys.signed(TestKeys.PROVIDER_RSA, TestKeys.claims().build()),
                TestKeys.signed(TestKeys.ATTACKER_RSA, TestKeys.claims().build()),
                TestKeys.signed(TestKeys.PROVIDER_RSA, TestKeys.claims().issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build()),
                TestKeys.unsigned(TestKeys.claims().build()),
                "not-a-token-but-maybe-a-password");
        List<Throwable> outcomes = new ArrayList<>();
        try (JwksServer provider = JwksServer.publishing(TestKeys.PROVIDER_RSA);
             JwtAccessTokenVerifier verifier = new JwtAccessTokenVerifier(
                     AuthSettings.defaults().withIssuer(TestKeys.ISSUER).withJwksUri(provider.uri()), Optional.empty())) {
            for (String token : tokens) {
                outcomes.add(catchThrowable(() -> verifier.verify(token)));
            }
            provider.failWith(500);
        }
        try (JwtAccessTokenVerifier unreachable = new JwtAccessTokenVerifier(
                AuthSettings.defaults().withIssuer(TestKeys.ISSUER).withJwksUri("http://127.0.0.1:9/jwks.json"),
                Optional.empty())) {
            outcomes.add(catchThrowable(() -> unreachable.verify(tokens.get(0))));
        }

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.subList(1, outcomes.size())).allSatisfy(outcome -> assertThat(outcome).isNotNull());
        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            for (String token : tokens) {
                assertThat(event.getFormattedMessage()).doesNotContain(token);
                if (token.contains(".")) {
                    String signatureOrPayload = token.substring(token.indexOf('.') + 1);
                    assertThat(event.getFormattedMessage()).doesNotContain(signatureOrPayload);
                }
            }
        }
        for (Throwable outcome : outcomes.subList(1, outcomes.size())) {
            assertThat(outcome.getMessage()).doesNotContain(tokens.get(0)).doesNotContain("maybe-a-password");
        }
    }
}
