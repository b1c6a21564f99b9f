package dev.chat.application.identity;

import dev.chat.application.port.TokenIssuer;

/** Use case: publishing the embedded issuer's public keys. */
public final class PublishSigningKeys implements SigningKeysUseCase {
    private final TokenIssuer issuer;

    public PublishSigningKeys(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String jwkSet() {
        return issuer.publicJwkSetJson();
    }
}
