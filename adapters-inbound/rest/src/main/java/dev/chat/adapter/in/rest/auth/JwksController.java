package dev.chat.adapter.in.rest.auth;

import dev.chat.application.identity.SigningKeysUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The embedded issuer's public keys, so that other services can verify its tokens. */
@Controller("/.well-known")
@Requires(beans = SigningKeysUseCase.class)
@Tag(name = "auth")
@SecurityRequirements
public class JwksController {
    private final SigningKeysUseCase keys;

    public JwksController(SigningKeysUseCase keys) {
        this.keys = keys;
    }

    @Operation(summary = "JWK Set of the embedded token issuer (RFC 7517)")
    @Get(value = "/jwks.json", produces = "application/jwk-set+json")
    public HttpResponse<String> jwks() {
        return HttpResponse.ok(keys.jwkSet()).header("Cache-Control", "max-age=300");
    }
}
