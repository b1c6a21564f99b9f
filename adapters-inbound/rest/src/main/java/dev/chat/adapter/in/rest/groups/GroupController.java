package dev.chat.adapter.in.rest.groups;

import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiRequests.CreateGroupRequest;
import dev.chat.adapter.in.rest.ApiRequests.MemberRequest;
import dev.chat.adapter.in.rest.ApiRequests.RenameGroupRequest;
import dev.chat.adapter.in.rest.ApiViews.ChatView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.chats.GroupAdministrationUseCases.AddMemberUseCase;
import dev.chat.application.chats.GroupAdministrationUseCases.CreateGroupUseCase;
import dev.chat.application.chats.GroupAdministrationUseCases.LeaveGroupUseCase;
import dev.chat.application.chats.GroupAdministrationUseCases.PromoteAdminUseCase;
import dev.chat.application.chats.GroupAdministrationUseCases.RemoveMemberUseCase;
import dev.chat.application.chats.GroupAdministrationUseCases.RenameGroupUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Groups: create, rename, add and remove members, promote admins, leave. */
@Controller("/api/groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "groups")
public class GroupController {
    private final CreateGroupUseCase create;
    private final RenameGroupUseCase rename;
    private final AddMemberUseCase add;
    private final RemoveMemberUseCase remove;
    private final PromoteAdminUseCase promote;
    private final LeaveGroupUseCase leave;
    private final ApiMapper mapper;

    public GroupController(CreateGroupUseCase create, RenameGroupUseCase rename, AddMemberUseCase add,
                           RemoveMemberUseCase remove, PromoteAdminUseCase promote, LeaveGroupUseCase leave,
                           ApiMapper mapper) {
        this.create = create;
        this.rename = rename;
        this.add = add;
        this.remove = remove;
        this.promote = promote;
        this.leave = leave;
        this.mapper = mapper;
    }

    @Operation(summary = "Create a group; the caller becomes its admin")
    @Post
    @Status(HttpStatus.CREATED)
    public ChatView create(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                         @Body CreateGroupRequest request) {
        Set<UserId> members = new LinkedHashSet<>();
        for (String member : request.members() == null ? List.<String>of() : request.members()) {
            members.add(UserId.parse(member));
        }
        return mapper.toView(create.create(caller, request.name(), members));
    }

    @Operation(summary = "Rename a group (admins only)")
    @Patch("/{id}")
    public ChatView rename(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id,
                           @Body RenameGroupRequest request) {
        return mapper.toView(rename.rename(caller, ChatId.parse(id), request.name()));
    }

    @Operation(summary = "Add a member (admins only)")
    @Post("/{id}/members")
    public ChatView addMember(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id,
                              @Body MemberRequest request) {
        Require.present(request.userId(), "userId");
        return mapper.toView(add.add(caller, ChatId.parse(id), UserId.parse(request.userId())));
    }

    @Operation(summary = "Remove a member (admins only; removing yourself is leaving)")
    @Delete("/{id}/members/{userId}")
    public ChatView removeMember(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id,
                                 String userId) {
        return mapper.toView(remove.remove(caller, ChatId.parse(id), UserId.parse(userId)));
    }

    @Operation(summary = "Make a member an admin (admins only)")
    @Post("/{id}/admins")
    public ChatView promote(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id,
                            @Body MemberRequest request) {
        Require.present(request.userId(), "userId");
        return mapper.toView(promote.promote(caller, ChatId.parse(id), UserId.parse(request.userId())));
    }

    @Operation(summary = "Leave a group")
    @Post("/{id}/leave")
    @Status(HttpStatus.NO_CONTENT)
    public void leave(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id) {
        leave.leave(caller, ChatId.parse(id));
    }
}
