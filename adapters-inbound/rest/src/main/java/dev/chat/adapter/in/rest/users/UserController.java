package dev.chat.adapter.in.rest.users;

import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiViews.UserView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.chats.FindUserUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.domain.user.UserId;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Users: who am I, and finding someone to chat with. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
public class UserController {
    private final FindUserUseCase users;
    private final ApiMapper mapper;

    public UserController(FindUserUseCase users, ApiMapper mapper) {
        this.users = users;
        this.mapper = mapper;
    }

    @Operation(summary = "The caller's own profile (created on the first request with a new token)")
    @Get("/me")
    public UserView me(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller) {
        return mapper.toView(users.byId(caller.user()));
    }

    @Operation(summary = "Find a user by username")
    @Get("/users")
    public UserView byUsername(@QueryValue String username) {
        return mapper.toView(users.byUsername(username));
    }

    @Operation(summary = "A user's public profile")
    @Get("/users/{id}")
    public UserView byId(String id) {
        return mapper.toView(users.byId(UserId.parse(id)));
    }
}
