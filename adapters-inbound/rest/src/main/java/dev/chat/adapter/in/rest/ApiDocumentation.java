package dev.chat.adapter.in.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header; micronaut-openapi writes the document from the controllers at compile time.
 * The operations list their success statuses only, so the description lists the error statuses and their
 * codes (Problems.statusOf and GenericProblemHandler); the REST fuzz test holds the server to it.
 */
@OpenAPIDefinition(
        info = @Info(title = "chat-api", version = "1.0",
                description = "Metadata and history API of the chat backend. Live messaging is on the WebSocket "
                        + "gateway (docs/asyncapi.yaml). Errors are RFC 9457 problem details "
                        + "(application/problem+json) with a stable 'code' member, by status: "
                        + "400 invalid_input, body_empty, body_too_large, cannot_chat_with_self; "
                        + "401 token_missing, token_malformed, token_signature_invalid, token_expired, "
                        + "token_issuer_invalid, token_audience_invalid, unauthenticated, "
                        + "bad_credentials; 403 not_an_admin, not_a_contact, forbidden; "
                        + "404 chat_not_found, user_not_found, not_found; 405 method_not_allowed; "
                        + "406 not_acceptable (an Accept header that admits no media type the operation answers "
                        + "with, application/json); 409 not_a_group, already_a_member, not_a_member, group_full, "
                        + "username_taken, conflict; 413 request_too_large; 415 unsupported_media_type; "
                        + "429 rate_limited (with Retry-After); 503 token_keys_unavailable (the identity provider cannot be "
                        + "reached, the token may be fine: retry after Retry-After). Never another 5xx but for a failure "
                        + "of the server itself "
                        + "(500 internal_error).",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        in = SecuritySchemeIn.HEADER)
public final class ApiDocumentation {
    private ApiDocumentation() {
    }
}
