package dev.chat.bootstrap.e2e;

import dev.chat.adapter.in.udp.HeartbeatDatagram;
import dev.chat.adapter.in.udp.HeartbeatSigner;
import dev.chat.adapter.in.udp.UdpPresenceListener;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Presence end to end: real UDP heartbeats, live presence frames to subscribed contacts, privacy of strangers. */
class PresenceTest {
    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of(
                "chat.heartbeat-interval", "200ms",
                "chat.missed-heartbeats", 3,
                "chat.presence-sweep-interval", "50ms",
                "chat.presence-min-change-interval", "0ms",
                "chat.presence.udp.port", 0));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A device of a user sending heartbeats with the credentials it got over REST. */
    private static final class HeartbeatClient implements AutoCloseable {
        final String sessionId;
        final byte[] ticket;
        final byte[] key;
        final long serverOffset;
        final DatagramChannel channel;
        long sequence;

        HeartbeatClient(ChatUser user) throws Exception {
            this(api.post("/api/presence/sessions", user.token(), Map.of()).json());
        }

        HeartbeatClient(Map<String, Object> session) throws Exception {
            sessionId = (String) session.get("sessionId");
            ticket = Base64.getUrlDecoder().decode((String) session.get("ticket"));
            key = Base64.getUrlDecoder().decode((String) session.get("key"));
            serverOffset = ((Number) session.get("serverTime")).longValue() - System.currentTimeMillis();
            channel = DatagramChannel.open();
            channel.connect(new InetSocketAddress("127.0.0.1", server.bean(UdpPresenceListener.class).port()));
        }

        byte[] datagram(long seq, byte[] signingKey) {
            ByteBuffer out = ByteBuffer.allocate(HeartbeatDatagram.LENGTH);
            HeartbeatDatagram.write(out, ticket, seq, System.currentTimeMillis() + serverOffset,
                    HeartbeatSigner.keyed(signingKey));
            return out.array();
        }

        void beat() throws Exception {
            send(datagram(++sequence, key));
        }

        void send(byte[] datagram) throws Exception {
            channel.write(ByteBuffer.wrap(datagram));
        }

        @Override
        public void close() throws Exception {
            channel.close();
        }
    }

    @Test
    void aContactSeesAUserGoOnlineWithHeartbeatsAndOfflineAfterTheGraceWithLastSeen() throws Exception {
        ChatUser ada = ChatUser.signUp(api, "ada");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ada.openDirectChatWith(api, ben);
        try (WsClient adaPhone = WsClient.connect(server.gateway(), ada.token(), "phone");
             HeartbeatClient benHeartbeats = new HeartbeatClient(ben)) {
            adaPhone.nextOfType("caught_up");
            adaPhone.send(Map.of("type", "presence.subscribe", "id", "s1", "users", List.of(ben.id())));
            assertThat(adaPhone.next(f -> "presence".equals(f.get("type")) && "s1".equals(f.get("id"))))
                    .containsEntry("userId", ben.id()).containsEntry("online", false);

            for (int i = 0; i < 5; i++) {
                benHeartbeats.beat();
                Thread.sleep(100);
            }
            Map<String, Object> online = adaPhone.next(f -> "presence".equals(f.get("type")) && f.get("id") == null);
            assertThat(online).containsEntry("userId", ben.id()).containsEntry("online", true);

            Instant lastBeat = Instant.now();
            benHeartbeats.beat();
            Map<String, Object> offline = adaPhone.next(f -> "presence".equals(f.get("type")) && f.get("id") == null);
            Instant announced = Instant.now();
            assertThat(offline).containsEntry("userId", ben.id()).containsEntry("online", false);
            Instant lastSeen = Instant.parse((String) offline.get("lastSeen"));
            assertThat(lastSeen).isBetween(lastBeat.minusMillis(50), lastBeat.plusMillis(500));
            assertThat(Duration.between(lastBeat, announced)).as("offline after the grace of 3 x 200 ms")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        }
    }

    @Test
    void aWebDevicesHeartbeatFramesCountAsDatagramsDoAndGetNoAnswer() {
        ChatUser ada = ChatUser.signUp(api, "ada");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ada.openDirectChatWith(api, ben);
        try (WsClient adaPhone = WsClient.connect(server.gateway(), ada.token(), "phone")) {
            adaPhone.nextOfType("caught_up");
            adaPhone.send(Map.of("type", "presence.subscribe", "id", "s3", "users", List.of(ben.id())));
            assertThat(adaPhone.next(f -> "presence".equals(f.get("type")) && "s3".equals(f.get("id"))))
                    .containsEntry("online", false);
            Instant beforeBeat;
            try (WsClient benBrowser = WsClient.connect(server.gateway(), ben.token(), "web-1")) {
                benBrowser.nextOfType("caught_up");
                assertThat(adaPhone.next(f -> "presence".equals(f.get("type")) && f.get("id") == null))
                        .as("connected: online").containsEntry("online", true);
                beforeBeat = Instant.now();
                benBrowser.send(Map.of("type", "heartbeat"));
                benBrowser.send(Map.of("type", "ping", "id", "k1"));
                assertThat(benBrowser.next(f -> true)).as("the heartbeat is not answered: the next frame answers the ping")
                        .containsEntry("type", "pong").containsEntry("id", "k1");
            }
            // the connection is gone, the heartbeat still counts for 3 x 200 ms, as a datagram's would
            Map<String, Object> offline = adaPhone.next(f -> "presence".equals(f.get("type")) && f.get("id") == null);
            Instant announced = Instant.now();
            assertThat(offline).containsEntry("userId", ben.id()).containsEntry("online", false);
            assertThat(Duration.between(beforeBeat, announced)).as("offline only once the heartbeat's grace ran out")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        }
    }

    @Test
    void aUserWhoHidesLastSeenShowsOnlineStateButNoLastSeen() throws Exception {
        ChatUser shy = ChatUser.signUp(api, "shy");
        ChatUser friend = ChatUser.signUp(api, "friend");
        friend.openDirectChatWith(api, shy);
        try (HeartbeatClient device = new HeartbeatClient(shy)) {
            device.beat();
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(presenceOf(friend, shy).get("online")));
            assertThat(presenceOf(friend, shy).get("lastSeen")).isNotNull();
            ApiClient.Response hidden = api.put("/api/me/privacy", shy.token(), Map.of("hideLastSeen", true));
            assertThat(hidden.json()).containsEntry("hideLastSeen", true);
            assertThat(presenceOf(friend, shy)).containsEntry("online", true).containsEntry("lastSeen", null);
            assertThat(api.get("/api/presence?users=" + shy.id(), shy.token()).body())
                    .as("the user still sees their own").contains("lastSeen\":\"");
        }
    }

    @Test
    void aUserWhoSharesNoChatCannotSubscribeNorQuery() {
        ChatUser ben = ChatUser.signUp(api, "ben");
        ChatUser stranger = ChatUser.signUp(api, "stranger");
        try (WsClient ws = WsClient.connect(server.gateway(), stranger.token(), "phone")) {
            ws.nextOfType("caught_up");
            ws.send(Map.of("type", "presence.subscribe", "id", "s2", "users", List.of(ben.id())));
            assertThat(ws.nextOfType("error")).containsEntry("code", "not_a_contact").containsEntry("id", "s2");
            ws.send(Map.of("type", "presence", "id", "q2", "users", List.of(ben.id())));
            assertThat(ws.nextOfType("error")).containsEntry("code", "not_a_contact");
        }
        ApiClient.Response rest = api.get("/api/presence?users=" + ben.id(), stranger.token());
        assertThat(rest.status()).isEqualTo(403);
        assertThat(rest.json()).containsEntry("code", "not_a_contact");
    }

    @Test
    void forgedReplayedCorruptOrRandomDatagramsNeverMakeAnyoneOnline() throws Exception {
        ChatUser victim = ChatUser.signUp(api, "victim");
        ChatUser mallory = ChatUser.signUp(api, "mallory");
        ChatUser friend = ChatUser.signUp(api, "friend");
        friend.openDirectChatWith(api, victim);
        try (HeartbeatClient victimDevice = new HeartbeatClient(victim);
             HeartbeatClient malloryDevice = new HeartbeatClient(mallory)) {
            victimDevice.send(victimDevice.datagram(1, malloryDevice.key));   // victim's session, mallory's key
            byte[] corrupt = victimDevice.datagram(2, victimDevice.key);
            corrupt[HeartbeatDatagram.LENGTH - 3] ^= 0x40;
            victimDevice.send(corrupt);
            Random random = new Random(7);
            for (int i = 0; i < 1000; i++) {
                byte[] junk = new byte[1 + random.nextInt(120)];
                random.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 4) {
                    junk[0] = HeartbeatDatagram.VERSION;
                    junk[1] = HeartbeatDatagram.TYPE_HEARTBEAT;
                }
                victimDevice.send(junk);
            }
            Thread.sleep(300);
            assertThat(presenceOf(friend, victim)).as("nothing forged counts").containsEntry("online", false);

            byte[] genuine = victimDevice.datagram(10, victimDevice.key);
            victimDevice.send(genuine);
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(presenceOf(friend, victim).get("online")));
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(presenceOf(friend, victim).get("online")));
            victimDevice.send(genuine);                                       // replayed
            Thread.sleep(300);
            assertThat(presenceOf(friend, victim)).as("a replay does not bring the user back").containsEntry("online", false);
        }
    }

    @Test
    void aSessionOpenedOverTheWebSocketSignsHeartbeatsLikeOneFromRest() throws Exception {
        ChatUser user = ChatUser.signUp(api, "ws-session");
        ChatUser friend = ChatUser.signUp(api, "ws-session-friend");
        friend.openDirectChatWith(api, user);
        try (WsClient phone = WsClient.connect(server.gateway(), user.token(), "phone")) {
            phone.nextOfType("caught_up");
            phone.send(Map.of("type", "presence.session", "id", "ps-1"));
            Map<String, Object> granted = phone.nextOfType("presence.session");
            assertThat(granted).containsEntry("id", "ps-1").containsKeys("sessionId", "ticket", "key", "serverTime");
            assertThat(((Number) granted.get("serverTime")).longValue())
                    .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            phone.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(presenceOf(friend, user).get("online")));
            try (HeartbeatClient device = new HeartbeatClient(granted)) {
                device.beat();
                await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(presenceOf(friend, user).get("online")));
            }
        }
    }

    @Test
    void aSessionRevokedOverRestSignsNoMoreHeartbeatsAndAMalformedIdIsRefused() throws Exception {
        ChatUser owner = ChatUser.signUp(api, "revoker");
        ChatUser friend = ChatUser.signUp(api, "revokers-friend");
        friend.openDirectChatWith(api, owner);
        try (HeartbeatClient device = new HeartbeatClient(owner)) {
            device.beat();
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(presenceOf(friend, owner).get("online")));

            ApiClient.Response byAnother = api.delete("/api/presence/sessions/" + device.sessionId, friend.token());
            assertThat(byAnother.status()).isEqualTo(204);
            ApiClient.Response revoked = api.delete("/api/presence/sessions/" + device.sessionId, owner.token());
            assertThat(revoked.status()).isEqualTo(204);
            ApiClient.Response malformed = api.delete("/api/presence/sessions/not-a-session", owner.token());
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json()).containsEntry("code", "invalid_input");

            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(presenceOf(friend, owner).get("online")));
            for (int i = 0; i < 5; i++) {
                device.beat();
            }
            Thread.sleep(300);
            assertThat(presenceOf(friend, owner)).as("a revoked session keeps nobody online").containsEntry("online", false);
        }
    }

    private static Map<String, Object> presenceOf(ChatUser asker, ChatUser user) {
        return api.presenceOf(asker.token(), user.id());
    }
}
