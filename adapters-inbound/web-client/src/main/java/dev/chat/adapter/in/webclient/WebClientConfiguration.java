package dev.chat.adapter.in.webclient;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code chat.web-client.*}: where the page finds the gateway when it is not beside the API (a
 * proxy, TLS in front), and the OpenID Connect provider it logs in through, when there is one.
 */
@ConfigurationProperties("chat.web-client")
public record WebClientConfiguration(@Nullable String gatewayUrl, @Nullable Oidc oidc) {

    /**
     * A public client of the provider (no secret: the page is public) that allows the authorization
     * code flow with PKCE and this server's address as redirect URI; {@code name} labels the button.
     */
    @ConfigurationProperties("oidc")
    public record Oidc(@Nullable String issuer, @Nullable String clientId, @Nullable String name, @Nullable String scope) {
    }
}
