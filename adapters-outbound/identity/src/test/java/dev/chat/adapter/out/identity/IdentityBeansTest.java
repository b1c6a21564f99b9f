package dev.chat.adapter.out.identity;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.PasswordHasher;
import dev.chat.application.port.TokenIssuer;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapters as Micronaut wires them from properties. */
class IdentityBeansTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultWiresAndItsTokensVerify() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "chat.data-dir", dataDir.toString(),
                "chat.auth.bcrypt-cost", 4,
                "chat.auth.token-ttl", "15m"))) {
            TokenIssuer issuer = context.getBean(TokenIssuer.class);
            AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
            PasswordHasher hasher = context.getBean(PasswordHasher.class);
            UserId id = new UserId(UUID.randomUUID());
            User user = new User(id, new Username("carol"), null, new ExternalIdentity(issuer.issuer(), id.toString()));

            IssuedToken token = issuer.issue(user);

            assertThat(issuer).isInstanceOf(EmbeddedTokenIssuer.class);
            assertThat(issuer.issuer()).isEqualTo("http://localhost:8080");
            assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(15));
            assertThat(verifier.verify(token.accessToken()).identity()).isEqualTo(user.identity());
            assertThat(hasher.hash("a password")).startsWith("$2b$04$");
            assertThat(dataDir.resolve("identity").resolve("signing-key.jwk")).isRegularFile();
            AuthSettings settings = context.getBean(AuthSettings.class);
            assertThat(settings.audience()).isEqualTo("chat");
            assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.jwksUri()).isEmpty();
        }
    }

    @Test
    void anExternalProviderWiresByConfigurationAlone() {
        try (JwksServer provider = JwksServer.publishing(TestKeys.PROVIDER_RSA);
             ApplicationContext context = ApplicationContext.run(Map.of(
                     "chat.data-dir", dataDir.toString(),
                     "chat.auth.issuer", TestKeys.ISSUER,
                     "chat.auth.audience", TestKeys.AUDIENCE,
                     "chat.auth.jwks-uri", provider.uri(),
                     "chat.auth.embedded-issuer.enabled", false))) {
            AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);

            String token = TestKeys.signed(TestKeys.PROVIDER_RSA, TestKeys.claims().build());

            assertThat(verifier.verify(token).identity().issuer()).isEqualTo(TestKeys.ISSUER);
            assertThat(context.findBean(TokenIssuer.class)).isEmpty();
            assertThat(dataDir.resolve("identity")).doesNotExist();
        }
    }

    @Test
    void refusesToStartWithNoKeysToVerifyWith() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "chat.data-dir", dataDir.toString(),
                "chat.auth.embedded-issuer.enabled", false))) {
            assertThatThrownBy(() -> context.getBean(AccessTokenVerifier.class))
                    .rootCause()
                    .hasMessageContaining("chat.auth.jwks-uri");
        }
    }
}
