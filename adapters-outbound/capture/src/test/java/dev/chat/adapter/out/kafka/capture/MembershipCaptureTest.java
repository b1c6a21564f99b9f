package dev.chat.adapter.out.kafka.capture;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.adapter.out.kafka.membership.ChatMembers;
import dev.chat.adapter.out.kafka.membership.MembershipRecords;
import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The capture on a real PostgreSQL (logical replication, pgoutput) and a real broker: rows written
 * by the JDBC chat repository reach the compacted topic as each chat's whole membership, and a
 * capture stopped while memberships change resumes with exactly those changes, removals and a
 * deleted chat included, without a new snapshot.
 */
class MembershipCaptureTest {
    private static final UserId ALICE = new UserId(UUID.randomUUID());
    private static final UserId BOB = new UserId(UUID.randomUUID());
    private static final UserId CAROL = new UserId(UUID.randomUUID());
    private static final UserId DAVE = new UserId(UUID.randomUUID());

    private final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    private CaptureFixture fixture;
    private ChatRepository chats;
    private KafkaConsumer<byte[], byte[]> reader;
    private MembershipCapture capture;

    @BeforeEach
    void start() throws Exception {
        fixture = new CaptureFixture();
        chats = fixture.chats;
        reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, Engines.unique("reader-"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() throws Exception {
        if (capture != null) {
            capture.close();
        }
        reader.close();
        fixture.close();
    }

    @Test
    void each_change_reaches_the_topic_as_the_chats_whole_membership_and_a_restart_resumes_without_a_snapshot()
            throws Exception {
        Group quiet = chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("quiet"), ALICE,
                Set.of(BOB), new Position(3), GroupPolicy.DEFAULT));
        Group group = chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("team"), ALICE,
                Set.of(BOB), new Position(5), GroupPolicy.DEFAULT));

        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();
        reader.subscribe(List.of(fixture.membershipsTopic));
        awaitLatest(group.id(), 1, Set.of(ALICE, BOB));
        awaitLatest(quiet.id(), 1, Set.of(ALICE, BOB));
        assertThat(latest().get(group.id()).orElseThrow().members())
                .contains(new Membership(ALICE, Role.ADMIN, new Position(5)));

        group = chats.saveGroup(group.addMember(ALICE, CAROL, new Position(9), GroupPolicy.DEFAULT));
        awaitLatest(group.id(), 2, Set.of(ALICE, BOB, CAROL));

        capture.close();
        capture = null;
        group = chats.saveGroup(group.removeMember(ALICE, BOB));
        group = chats.saveGroup(group.addMember(ALICE, DAVE, new Position(12), GroupPolicy.DEFAULT));
        Group created = chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("new"), CAROL,
                Set.of(DAVE), new Position(13), GroupPolicy.DEFAULT));
        Group doomed = chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("doomed"), DAVE,
                Set.of(), new Position(14), GroupPolicy.DEFAULT));
        fixture.deleteChat(doomed.id().value());

        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();
        awaitLatest(group.id(), 4, Set.of(ALICE, CAROL, DAVE));
        awaitLatest(created.id(), 1, Set.of(CAROL, DAVE));
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            drain();
            assertThat(latest()).as("the chat deleted while the capture was stopped ends in a tombstone")
                    .containsEntry(doomed.id(), Optional.empty());
        });

        assertThat(recordsOf(quiet.id())).as("a chat unchanged while stopped is not read again: no new snapshot")
                .hasSize(1);
        assertThat(recordsOf(group.id()).stream().map(r -> r.orElseThrow().version()).toList())
                .as("every version once, in order").containsExactly(1L, 2L, 3L, 4L);
        assertThat(capture.failure()).isEmpty();
    }

    @Test
    void a_capture_whose_slot_was_dropped_reads_every_row_again_instead_of_stopping() throws Exception {
        Group group = chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("team"), ALICE,
                Set.of(BOB), new Position(5), GroupPolicy.DEFAULT));
        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();
        reader.subscribe(List.of(fixture.membershipsTopic));
        awaitLatest(group.id(), 1, Set.of(ALICE, BOB));
        capture.close();
        capture = null;
        // the offsets stay in Kafka, the position they name is gone with the slot (an operator's drop, a restore)
        ReplicationSetup.drop(Engines.postgresUrl(), Engines.postgresUser(), Engines.postgresPassword(),
                fixture.settings.slot(), fixture.settings.publication());
        group = chats.saveGroup(group.addMember(ALICE, CAROL, new Position(9), GroupPolicy.DEFAULT));

        capture = new MembershipCapture(fixture.settings, Clock.systemUTC());
        capture.start();

        awaitLatest(group.id(), 2, Set.of(ALICE, BOB, CAROL));
        assertThat(capture.failure()).isEmpty();
    }

    private void awaitLatest(ChatId chat, long version, Set<UserId> members) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            drain();
            Optional<ChatMembers> latest = latest().getOrDefault(chat, Optional.empty());
            assertThat(latest).as("chat %s", chat).isPresent();
            assertThat(latest.get().version()).isEqualTo(version);
            assertThat(latest.get().members().stream().map(Membership::userId).collect(Collectors.toSet()))
                    .isEqualTo(members);
        });
    }

    private void drain() {
        reader.poll(Duration.ofMillis(100)).forEach(read::add);
    }

    private Map<ChatId, Optional<ChatMembers>> latest() {
        Map<ChatId, Optional<ChatMembers>> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            ChatId chat = MembershipRecords.chatOf(record.key());
            latest.put(chat, Optional.ofNullable(record.value()).map(v -> MembershipRecords.valueOf(chat, v)));
        }
        return latest;
    }

    private List<Optional<ChatMembers>> recordsOf(ChatId chat) {
        drain();
        return read.stream().filter(r -> MembershipRecords.chatOf(r.key()).equals(chat))
                .map(r -> Optional.ofNullable(r.value()).map(v -> MembershipRecords.valueOf(chat, v))).toList();
    }
}
