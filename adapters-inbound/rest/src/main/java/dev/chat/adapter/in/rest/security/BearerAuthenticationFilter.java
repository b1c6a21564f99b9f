package dev.chat.adapter.in.rest.security;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import dev.chat.adapter.in.rest.problem.Problems;
import dev.chat.adapter.in.rest.limits.RestRateLimits;
import dev.chat.application.identity.AuthenticateUseCase;
import dev.chat.application.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Every {@code /api} request but sign-up and log-in needs {@code Authorization: Bearer <token>},
 * validated by the same use case as the WebSocket gateway's. A refused token gets a 401 problem
 * whose {@code code} says why (e.g. {@code token_expired}); a user over their request budget a 429
 * ({@link RestRateLimits}).
 */
@ServerFilter("/api/**")
public final class BearerAuthenticationFilter {
    private final AuthenticateUseCase authenticate;
    private final RestRateLimits limits;

    public BearerAuthenticationFilter(AuthenticateUseCase authenticate, RestRateLimits limits) {
        this.authenticate = authenticate;
        this.limits = limits;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/auth/")) {
            return null;
        }
        String header = request.getHeaders().getAuthorization().orElse(null);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        try {
            Caller caller = authenticate.authenticate(token);
            request.setAttribute(CallerAttribute.NAME, caller);
            // the per-user budget, known only once the caller is
            return limits.request(caller.user(), request.getPath());
        } catch (InvalidTokenException e) {
            if (e.failure() == TokenFailure.UNAVAILABLE) {
                // the provider's outage, not the client's token: a client that took a 401 would drop a good token
                return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, e.failure().code(), e.getMessage(),
                        request.getPath()).header("Retry-After", "5");
            }
            return Problems.response(HttpStatus.UNAUTHORIZED, e.failure().code(), e.getMessage(), request.getPath())
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
    }
}
