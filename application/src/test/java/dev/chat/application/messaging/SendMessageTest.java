package dev.chat.application.messaging;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageLog;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.MessagePolicy;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Specification of sending: members only, bodies within the policy, idempotent on the client's id. */
class SendMessageTest {
    private final UserId ann = new UserId(UUID.randomUUID());
    private final UserId ben = new UserId(UUID.randomUUID());
    private final UserId eve = new UserId(UUID.randomUUID());
    private final DirectChat chat = DirectChat.between(ann, ben);
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryMessageLog log = new InMemoryMessageLog();
    private final AtomicInteger accepted = new AtomicInteger();
    private final SendMessage send = new SendMessage(chats, log, new RandomIds(), new MessagePolicy(16),
            new CountingMetrics(accepted), Clock.systemUTC());

    SendMessageTest() {
        chats.saveDirect(chat);
        log.subscribe(MessageLog.Subscription.named("store"), batch -> { });
    }

    @Test
    void aMembersMessageIsLoggedWithItsDeviceAndClientIdAndAPosition() {
        Message message = send(ann, "phone", "c1", "hello").join();
        assertThat(message.position()).isGreaterThan(Position.START);
        assertThat(message.senderDevice()).isEqualTo(new DeviceId("phone"));
        assertThat(log.entries()).containsExactly(message);
        assertThat(accepted).hasValue(1);
    }

    @Test
    void sendingAgainWithTheSameClientIdReturnsTheSameMessageAndLogsNothingNew() {
        Message first = send(ann, "phone", "c1", "hello").join();
        Message again = send(ann, "phone", "c1", "hello").join();
        assertThat(again).isEqualTo(first);
        assertThat(log.entries()).hasSize(1);
        assertThat(accepted).as("counted once").hasValue(1);
    }

    @Test
    void aStrangerAndAnUnknownChatAreRefusedAlikeAndNothingIsLogged() {
        assertThat(rejection(() -> send(eve, "phone", "e1", "spam").join())).isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(rejection(() -> send.send(new SendMessageCommand(new Device(ann, new DeviceId("phone")),
                new ChatId(UUID.randomUUID()), new ClientMessageId("x"), "hi")))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void bodiesOutsideThePolicyAreRefused() {
        assertThat(rejection(() -> send(ann, "phone", "c2", "x".repeat(17)))).isEqualTo(Rejection.BODY_TOO_LARGE);
        assertThat(rejection(() -> send(ann, "phone", "c3", "  "))).isEqualTo(Rejection.BODY_EMPTY);
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void theLoggedMessageCarriesItsSenderTheirClientIdTheBodyAndTheTimeOfSending() {
        ManualClock clock = new ManualClock();
        SendMessage sendAtNine = new SendMessage(chats, log, new RandomIds(), MessagePolicy.DEFAULT,
                ChatMetrics.NONE, clock);

        Message message = sendAtNine.send(new SendMessageCommand(new Device(ben, new DeviceId("laptop")), chat.id(),
                new ClientMessageId("ben-42"), "see you at nine")).toCompletableFuture().join();

        assertThat(log.entries()).containsExactly(message);
        assertThat(message.chatId()).isEqualTo(chat.id());
        assertThat(message.sender()).isEqualTo(ben);
        assertThat(message.senderDevice()).isEqualTo(new DeviceId("laptop"));
        assertThat(message.clientMessageId()).isEqualTo(new ClientMessageId("ben-42"));
        assertThat(message.body().text()).isEqualTo("see you at nine");
        assertThat(message.sentAt()).isEqualTo(ManualClock.MORNING);
    }

    @Test
    void theSameClientIdFromAnotherSenderIsAnotherMessage() {
        Message anns = send(ann, "phone", "c1", "hello").join();
        Message bens = send(ben, "phone", "c1", "hello").join();

        assertThat(bens.id()).isNotEqualTo(anns.id());
        assertThat(log.entries()).containsExactly(anns, bens);
        assertThat(accepted).hasValue(2);
    }

    @Test
    void someoneWhoLeftAGroupIsAStrangerToIt() {
        Group club = Group.create(new ChatId(UUID.randomUUID()), new GroupName("Book club"), ann, Set.of(ben, eve),
                Position.START, GroupPolicy.DEFAULT).leave(eve);
        chats.saveGroup(club);

        assertThat(rejection(() -> send.send(new SendMessageCommand(new Device(eve, new DeviceId("phone")), club.id(),
                new ClientMessageId("e1"), "still here?")))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(send.send(new SendMessageCommand(new Device(ben, new DeviceId("phone")), club.id(),
                new ClientMessageId("b1"), "hi all")).toCompletableFuture().join().chatId()).isEqualTo(club.id());
        assertThat(log.entries()).hasSize(1);
    }

    private java.util.concurrent.CompletableFuture<Message> send(UserId user, String device, String clientId,
                                                                 String body) {
        return send.send(new SendMessageCommand(new Device(user, new DeviceId(device)), chat.id(),
                new ClientMessageId(clientId), body)).toCompletableFuture();
    }

    private static Rejection rejection(Runnable action) {
        try {
            action.run();
        } catch (RejectedException e) {
            return e.rejection();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RejectedException r) {
                return r.rejection();
            }
            throw e;
        }
        throw new AssertionError("not refused");
    }

    private static final class RandomIds implements IdGenerator {
        @Override
        public MessageId newMessageId() {
            return new MessageId(UUID.randomUUID());
        }

        @Override
        public ChatId newChatId() {
            return new ChatId(UUID.randomUUID());
        }

        @Override
        public UserId newUserId() {
            return new UserId(UUID.randomUUID());
        }
    }

    private record CountingMetrics(AtomicInteger accepted) implements ChatMetrics {
        @Override
        public void messageAccepted() {
            accepted.incrementAndGet();
        }

        @Override
        public void messageDelivered(Duration sendToDelivery) {
        }

        @Override
        public void pushed(PushEvent event) {
        }
    }
}
