package dev.chat.adapter.out.kafka.capture;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.adapter.out.kafka.join.JoinSettings;
import dev.chat.adapter.out.kafka.join.MembershipJoin;
import dev.chat.adapter.out.kafka.log.KafkaLogSettings;
import dev.chat.adapter.out.kafka.log.KafkaMessageLog;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Subscription;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The capture and the join together on the real engines: messages appended to the Kafka log reach
 * the join's fan-out with the membership their sender saw, and while the capture is stopped a
 * message stamped with a newer chat version waits; once the capture is back and has caught up, the
 * join's table is the chat's membership as PostgreSQL holds it, and the message goes to exactly
 * those members.
 */
class CapturedMembershipJoinTest {
    private static final Subscription STORE = Subscription.named("store");
    private static final Subscription DELIVERY = Subscription.named("delivery").after(STORE);
    private static final UserId ALICE = new UserId(UUID.randomUUID());
    private static final UserId BOB = new UserId(UUID.randomUUID());
    private static final UserId CAROL = new UserId(UUID.randomUUID());

    private final Map<MessageId, Set<UserId>> planned = new ConcurrentHashMap<>();
    private CaptureFixture fixture;
    private KafkaMessageLog log;
    private MembershipJoin join;
    private MembershipCapture capture;

    @BeforeEach
    void start() throws Exception {
        fixture = new CaptureFixture();
        log = new KafkaMessageLog(KafkaLogSettings.local(Engines.kafka(), fixture.logTopic, Engines.unique("chat-")),
                Engines.postgres(fixture.schema), Clock.systemUTC());
        // storing stands in for the store worker: the delivery subscription follows it
        log.subscribe(STORE, batch -> { });
        join = new MembershipJoin(new JoinSettings(Engines.kafka(), Engines.unique("join-"), fixture.logTopic,
                Engines.unique("stored-"), fixture.membershipsTopic, (short) 1,
                Files.createTempDirectory("join-state-"), Duration.ofMillis(200), ""), log,
                memberships -> batch -> batch.forEach(m -> planned.put(m.id(), memberships.membersOf(m.chatId())
                        .stream().filter(member -> m.position().isAfter(member.since()))
                        .map(Membership::userId).collect(Collectors.toSet()))));
    }

    @AfterEach
    void stop() throws Exception {
        if (capture != null) {
            capture.close();
        }
        join.close();
        log.close();
        fixture.close();
    }

    @Test
    void after_the_capture_was_stopped_while_members_changed_it_catches_up_and_the_join_follows_it()
            throws Exception {
        ChatId id = new ChatId(UUID.randomUUID());
        Group group = fixture.chats.saveGroup(Group.create(id, new GroupName("team"), ALICE, Set.of(BOB), log.head(id),
                GroupPolicy.DEFAULT));
        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();
        join.start(DELIVERY);

        Message first = send(group, ALICE);
        awaitPlanned(first, Set.of(ALICE, BOB));

        capture.close();
        capture = null;
        group = fixture.chats.saveGroup(group.removeMember(ALICE, BOB));
        group = fixture.chats.saveGroup(group.addMember(ALICE, CAROL, log.head(group.id()), GroupPolicy.DEFAULT));
        // the first message may have waited for the snapshot: count from here
        long waitedBefore = join.counters().waited();
        long releasedBefore = join.counters().released();
        Message second = send(group, ALICE);
        await().atMost(60, TimeUnit.SECONDS).until(() -> join.counters().waited() == waitedBefore + 1);
        assertThat(planned).as("stamped with version 3, which the join's table does not have yet")
                .doesNotContainKey(second.id());

        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();

        awaitPlanned(second, Set.of(ALICE, CAROL));
        assertThat(join.counters().released()).isEqualTo(releasedBefore + 1);
        Message third = send(group, CAROL);
        awaitPlanned(third, Set.of(ALICE, CAROL));
        assertThat(capture.failure()).isEmpty();
    }

    /** A message as SendMessage appends it: stamped with the chat version its sender was checked at. */
    private Message send(Group group, UserId sender) throws Exception {
        MessageLog.Entry entry = new MessageLog.Entry(new MessageId(UUID.randomUUID()), group.id(), sender,
                new DeviceId("phone"), new ClientMessageId(UUID.randomUUID().toString()), new MessageBody("hi"),
                Instant.now(), group.version());
        return log.append(entry).toCompletableFuture().get(30, TimeUnit.SECONDS).message();
    }

    private void awaitPlanned(Message message, Set<UserId> recipients) {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(planned.get(message.id())).isEqualTo(recipients));
    }
}
