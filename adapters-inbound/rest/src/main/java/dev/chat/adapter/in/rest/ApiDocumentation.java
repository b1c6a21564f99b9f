package dev.chat.adapter.in.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The OpenAPI document's header; micronaut-openapi writes the document from the controllers at compile time. */
@OpenAPIDefinition(
        info = @Info(title = "chat-api", version = "1.0",
                description = "Metadata and history API of the chat backend. Errors are RFC 9457 problem details "
                        + "with a stable 'code' member. Besides the statuses listed per operation, any authenticated "
                        + "operation may answer 401 (token_* codes), 429 rate_limited (with Retry-After) and 503 "
                        + "token_keys_unavailable (the identity provider cannot be reached; retry after Retry-After). "
                        + "Live messaging is on the WebSocket gateway (docs/asyncapi.yaml).",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        in = SecuritySchemeIn.HEADER)
public final class ApiDocumentation {
    private ApiDocumentation() {
    }
}
