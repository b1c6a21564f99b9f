package dev.chat.adapter.in.rest.auth;

import dev.chat.domain.user.IssuedToken;
import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiRequests.SignUpRequest;
import dev.chat.adapter.in.rest.ApiRequests.TokenRequest;
import dev.chat.adapter.in.rest.ApiViews.TokenView;
import dev.chat.adapter.in.rest.ApiViews.UserView;
import dev.chat.application.identity.LogInUseCase;
import dev.chat.application.identity.SignUpUseCase;
import dev.chat.application.port.TokenIssuer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sign-up and log-in of the embedded token issuer (absent when an external OIDC provider is used). */
@Controller("/api/auth")
@Requires(beans = SignUpUseCase.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
@SecurityRequirements
public class AuthController {
    private final SignUpUseCase signUp;
    private final LogInUseCase logIn;
    private final ApiMapper mapper;

    public AuthController(SignUpUseCase signUp, LogInUseCase logIn, ApiMapper mapper) {
        this.signUp = signUp;
        this.logIn = logIn;
        this.mapper = mapper;
    }

    @Operation(summary = "Create an account (username 3-32 of a-z 0-9 . _ -, password 8-128 characters)")
    @Post("/signup")
    @Status(HttpStatus.CREATED)
    public UserView signUp(@Body SignUpRequest request) {
        return mapper.toView(signUp.signUp(request.username(), request.password(), request.displayName()));
    }

    @Operation(summary = "Exchange username and password for an access token (a JWT for the WebSocket and the API)")
    @Post("/token")
    public TokenView token(@Body TokenRequest request) {
        IssuedToken token = logIn.logIn(request.username(), request.password());
        return new TokenView(token.accessToken(), "Bearer", token.expiresIn().toSeconds());
    }
}
