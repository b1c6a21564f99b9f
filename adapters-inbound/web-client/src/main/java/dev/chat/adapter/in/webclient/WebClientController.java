package dev.chat.adapter.in.webclient;

import dev.chat.application.identity.SignUpUseCase;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Duration;
import java.util.Optional;

/**
 * What the page needs before it can log in: whether accounts are made here, the provider to log in
 * through, and where the gateway listens (the page is served by the API, the gateway has its own port).
 */
@Controller("/web-client")
@Hidden
public class WebClientController {
    private final ClientSettings settings;

    public WebClientController(WebClientConfiguration configuration, Optional<SignUpUseCase> signUp,
                               @Value("${chat.gateway.port:8081}") int gatewayPort,
                               @Value("${chat.gateway.path:/ws}") String gatewayPath,
                               @Value("${chat.heartbeat-interval:10s}") Duration heartbeatInterval) {
        WebClientConfiguration.Oidc oidc = configuration.oidc();
        ProviderSettings provider = oidc == null || oidc.issuer() == null || oidc.clientId() == null ? null
                : new ProviderSettings(oidc.issuer(), oidc.clientId(),
                        oidc.name() == null ? "your organisation" : oidc.name(),
                        oidc.scope() == null ? "openid profile" : oidc.scope());
        this.settings = new ClientSettings(signUp.isPresent(), provider, gatewayPort, gatewayPath,
                configuration.gatewayUrl(), heartbeatInterval.toSeconds());
    }

    @Get("/config")
    public ClientSettings config() {
        return settings;
    }

    /** {@code gatewayUrl} null: the page uses its own host with {@code gatewayPort} and {@code gatewayPath}. */
    @Serdeable
    public record ClientSettings(boolean signUp, @Nullable ProviderSettings oidc, int gatewayPort, String gatewayPath,
                                 @Nullable String gatewayUrl, long heartbeatIntervalSeconds) {
    }

    @Serdeable
    public record ProviderSettings(String issuer, String clientId, String name, String scope) {
    }
}
