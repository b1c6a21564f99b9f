package dev.chat.adapter.in.rest.users;

import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiViews.UserView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.chats.FindUserUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.application.presence.UpdatePrivacyUseCase;
import dev.chat.domain.Require;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
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
    private final UpdatePrivacyUseCase privacy;
    private final ApiMapper mapper;

    public UserController(FindUserUseCase users, UpdatePrivacyUseCase privacy, ApiMapper mapper) {
        this.users = users;
        this.privacy = privacy;
        this.mapper = mapper;
    }

    @Operation(summary = "The caller's privacy settings")
    @Get("/me/privacy")
    public PrivacyView privacy(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller) {
        return new PrivacyView(privacy.hidesLastSeen(caller));
    }

    @Operation(summary = "Hide (or show again) the caller's last-seen time from everyone else")
    @Put("/me/privacy")
    public PrivacyView updatePrivacy(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                     @Body PrivacyView request) {
        Require.present(request.hideLastSeen(), "hideLastSeen");
        privacy.hideLastSeen(caller, request.hideLastSeen());
        return new PrivacyView(privacy.hidesLastSeen(caller));
    }

    /** {@code hideLastSeen}: others see online/offline but no last-seen time. */
    @Serdeable
    public record PrivacyView(@Nullable Boolean hideLastSeen) {
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
