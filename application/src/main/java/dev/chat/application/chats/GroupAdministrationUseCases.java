package dev.chat.application.chats;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.Set;

/** Inbound ports for administering groups, one per use case. */
public final class GroupAdministrationUseCases {
    private GroupAdministrationUseCases() {
    }

    public interface CreateGroupUseCase {
        Group create(Caller caller, String name, Set<UserId> members);
    }

    public interface RenameGroupUseCase {
        Group rename(Caller caller, ChatId group, String newName);
    }

    public interface AddMemberUseCase {
        Group add(Caller caller, ChatId group, UserId newcomer);
    }

    /** Removing yourself is leaving. */
    public interface RemoveMemberUseCase {
        Group remove(Caller caller, ChatId group, UserId member);
    }

    public interface PromoteAdminUseCase {
        Group promote(Caller caller, ChatId group, UserId member);
    }

    public interface LeaveGroupUseCase {
        void leave(Caller caller, ChatId group);
    }
}
