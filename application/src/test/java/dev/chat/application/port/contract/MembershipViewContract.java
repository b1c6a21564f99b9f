package dev.chat.application.port.contract;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MembershipView;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MembershipView} promises the fan-out: a chat's members with their join
 * positions, and a membership change made through the metadata store is seen by the next read (the
 * view may lag the store only as its adapter documents; these adapters do not lag).
 */
public abstract class MembershipViewContract {
    /** Where the test writes memberships. */
    protected abstract ChatRepository chats();

    /** The view under test, over what {@link #chats()} stores. */
    protected abstract MembershipView view();

    @Test
    void an_unknown_chat_has_no_members() {
        assertThat(view().membersOf(chatId())).isEmpty();
    }

    @Test
    void a_direct_chat_has_its_two_users_since_the_start() {
        UserId a = userId();
        UserId b = userId();
        DirectChat chat = chats().saveDirect(DirectChat.between(a, b));

        assertThat(view().membersOf(chat.id())).extracting(Membership::userId).containsExactlyInAnyOrder(a, b);
        assertThat(view().membersOf(chat.id())).extracting(Membership::since).containsOnly(Position.START);
    }

    @Test
    void a_groups_members_come_with_their_roles_and_join_positions() {
        UserId admin = userId();
        UserId member = userId();
        Group group = Group.create(chatId(), new GroupName("Readers"), admin, Set.of(member), new Position(7),
                GroupPolicy.DEFAULT);
        chats().saveGroup(group);

        assertThat(view().membersOf(group.id())).containsExactlyInAnyOrder(
                new Membership(admin, Role.ADMIN, new Position(7)), new Membership(member, Role.MEMBER, new Position(7)));
    }

    @Test
    void a_member_added_or_removed_through_the_store_is_seen_by_the_next_read() {
        UserId admin = userId();
        UserId leaving = userId();
        UserId newcomer = userId();
        Group stored = chats().saveGroup(Group.create(chatId(), new GroupName("Readers"), admin, Set.of(leaving),
                Position.START, GroupPolicy.DEFAULT));
        assertThat(view().membersOf(stored.id())).hasSize(2);

        Group grown = chats().saveGroup(stored.addMember(admin, newcomer, new Position(12), GroupPolicy.DEFAULT));
        chats().saveGroup(grown.removeMember(admin, leaving));

        assertThat(view().membersOf(stored.id())).extracting(Membership::userId)
                .containsExactlyInAnyOrder(admin, newcomer);
        assertThat(view().membersOf(stored.id())).filteredOn(m -> m.userId().equals(newcomer))
                .extracting(Membership::since).containsExactly(new Position(12));
    }
}
