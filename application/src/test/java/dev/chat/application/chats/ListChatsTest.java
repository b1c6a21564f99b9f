package dev.chat.application.chats;

import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing one's chats on a device: each with its latest message and how many messages from others
 * this device has not acknowledged, the most recently active chat first.
 */
class ListChatsTest {
    private static final Instant MORNING = Instant.parse("2026-03-01T09:00:00Z");
    private static final DeviceId PHONE = new DeviceId("phone");
    private static final DeviceId LAPTOP = new DeviceId("laptop");

    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final ListChats list = new ListChats(chats, messages, offsets);

    private DirectChat direct(User a, User b) {
        return chats.saveDirect(DirectChat.between(a.id(), b.id()));
    }

    private Group group(String name, User admin, User... members) {
        Group group = Group.create(ids.newChatId(), new GroupName(name), admin.id(),
                Set.of(), Position.START, GroupPolicy.DEFAULT);
        for (User member : members) {
            group = group.addMember(admin.id(), member.id(), Position.START, GroupPolicy.DEFAULT);
        }
        return chats.saveGroup(group);
    }

    /** Stores a message said in the chat at that position, so many minutes into the morning. */
    private Message said(Chat chat, long position, User sender, int minute) {
        Message message = new Message(ids.newMessageId(), chat.id(), new Position(position), sender.id(), PHONE,
                new ClientMessageId("m-" + position), new MessageBody("message " + position),
                MORNING.plus(Duration.ofMinutes(minute)));
        messages.storeAll(List.of(message));
        return message;
    }

    private void acknowledged(User user, DeviceId device, Chat chat, long position) {
        offsets.advance(new Device(user.id(), device), chat.id(), new Position(position));
    }

    private ChatSummary summaryOf(List<ChatSummary> summaries, Chat chat) {
        return summaries.stream().filter(s -> s.chat().id().equals(chat.id())).findFirst().orElseThrow();
    }

    @Test
    void eachChatComesWithItsLatestMessage() {
        DirectChat withBob = direct(ALICE, BOB);
        said(withBob, 1, BOB, 1);
        Message latest = said(withBob, 2, ALICE, 2);

        List<ChatSummary> summaries = list.list(caller(ALICE), PHONE);

        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).chat()).isEqualTo(withBob);
        assertThat(summaries.get(0).lastMessage()).contains(latest);
    }

    @Test
    void theMostRecentlyActiveChatComesFirstAndSilentChatsLast() {
        DirectChat withBob = direct(ALICE, BOB);
        DirectChat withCarol = direct(ALICE, CAROL);
        Group club = group("Book club", ALICE, BOB, CAROL);
        DirectChat silent = direct(ALICE, DAVE);
        // positions order messages within a chat only: the busy chat's positions are high but old
        said(withBob, 900, BOB, 5);
        said(withCarol, 1, CAROL, 30);
        said(club, 2, BOB, 10);

        List<ChatSummary> summaries = list.list(caller(ALICE), PHONE);

        assertThat(summaries).extracting(s -> s.chat().id())
                .containsExactly(withCarol.id(), club.id(), withBob.id(), silent.id());
        assertThat(summaryOf(summaries, silent).lastMessage()).isEmpty();
        assertThat(summaryOf(summaries, silent).unread()).isZero();
    }

    @Test
    void onlyTheCallersChatsAreListed() {
        direct(BOB, CAROL);
        DirectChat mine = direct(ALICE, BOB);

        assertThat(list.list(caller(ALICE), PHONE)).extracting(ChatSummary::chat).containsExactly(mine);
        assertThat(list.list(caller(DAVE), PHONE)).isEmpty();
    }

    @Test
    void unreadCountsOnlyOthersMessagesAfterTheDevicesOffset() {
        DirectChat withBob = direct(ALICE, BOB);
        said(withBob, 1, BOB, 1);
        said(withBob, 2, ALICE, 2);
        said(withBob, 3, BOB, 3);
        said(withBob, 4, ALICE, 4);
        said(withBob, 5, BOB, 5);
        said(withBob, 6, BOB, 6);
        acknowledged(ALICE, PHONE, withBob, 3);

        ChatSummary onPhone = list.list(caller(ALICE), PHONE).get(0);

        assertThat(onPhone.unread()).isEqualTo(2);
        assertThat(onPhone.acknowledged()).isEqualTo(new Position(3));
    }

    @Test
    void unreadIsCountedForEachDeviceOnItsOwn() {
        DirectChat withBob = direct(ALICE, BOB);
        said(withBob, 1, BOB, 1);
        said(withBob, 2, BOB, 2);
        said(withBob, 3, BOB, 3);
        acknowledged(ALICE, PHONE, withBob, 3);
        acknowledged(BOB, LAPTOP, withBob, 1);

        assertThat(list.list(caller(ALICE), PHONE).get(0).unread()).isZero();
        assertThat(list.list(caller(ALICE), LAPTOP).get(0).unread()).isEqualTo(3);
        assertThat(list.list(caller(ALICE), LAPTOP).get(0).acknowledged()).isEqualTo(Position.START);
    }

    @Test
    void aChatWhoseLatestMessageIsYourOwnHasNothingUnread() {
        DirectChat withBob = direct(ALICE, BOB);
        said(withBob, 1, BOB, 1);
        said(withBob, 2, ALICE, 2);
        acknowledged(ALICE, PHONE, withBob, 2);

        assertThat(list.list(caller(ALICE), PHONE).get(0).unread()).isZero();
    }

    @Test
    void aMemberWhoJoinedLaterSeesNeitherTheEarlierMessagesNorCountsThem() {
        Group club = group("Book club", ALICE, BOB);
        said(club, 1, ALICE, 1);
        said(club, 2, BOB, 2);
        Group joined = club.addMember(ALICE.id(), CAROL.id(), new Position(2), GroupPolicy.DEFAULT);
        chats.saveGroup(joined);

        ChatSummary beforeAnythingNew = list.list(caller(CAROL), PHONE).get(0);
        Message afterJoining = said(club, 3, ALICE, 3);
        ChatSummary afterSomethingNew = list.list(caller(CAROL), PHONE).get(0);

        assertThat(beforeAnythingNew.lastMessage()).isEmpty();
        assertThat(beforeAnythingNew.unread()).isZero();
        assertThat(beforeAnythingNew.acknowledged()).isEqualTo(new Position(2));
        assertThat(afterSomethingNew.lastMessage()).contains(afterJoining);
        assertThat(afterSomethingNew.unread()).isEqualTo(1);
    }

    @Test
    void unreadIsCappedAt999() {
        DirectChat withBob = direct(ALICE, BOB);
        List<Message> flood = new ArrayList<>();
        for (int p = 1; p <= 1_200; p++) {
            flood.add(new Message(ids.newMessageId(), withBob.id(), new Position(p), BOB.id(), PHONE,
                    new ClientMessageId("flood-" + p), new MessageBody("spam"), MORNING.plusSeconds(p)));
        }
        messages.storeAll(flood);

        assertThat(list.list(caller(ALICE), PHONE).get(0).unread()).isEqualTo(ListChatsUseCase.UNREAD_CAP).isEqualTo(999);
    }

    @Test
    void oneChatIsGivenToItsMembersOnly() {
        DirectChat withBob = direct(ALICE, BOB);

        assertThat(list.get(caller(BOB), withBob.id())).isEqualTo(withBob);
        assertThat(refusalOf(() -> list.get(caller(CAROL), withBob.id()))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(refusalOf(() -> list.get(caller(ALICE), new ChatId(UUID.randomUUID()))))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
    }
}
