package dev.chat.bootstrap.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real users who chat over their own WebSocket connections while the fuzzer works next to them:
 * each {@link #exchange()} sends one message each way and asserts it is accepted and delivered. At the
 * end their chat must hold exactly their messages.
 */
final class Bystanders implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FuzzServer server;
    private final FuzzUser ann;
    private final FuzzUser bob;
    private final String chat;
    private final Peer annPhone;
    private final Peer bobPhone;
    private int exchanges;

    private Bystanders(FuzzServer server, FuzzUser ann, FuzzUser bob) {
        this.server = server;
        this.ann = ann;
        this.bob = bob;
        this.chat = server.openDirectChat(ann, bob);
        this.annPhone = new Peer(server, ann, "bystander-phone");
        this.bobPhone = new Peer(server, bob, "bystander-phone");
    }

    static Bystanders join(FuzzServer server) {
        return new Bystanders(server, server.signUp("bystander-ann"), server.signUp("bystander-bob"));
    }

    /** Their direct chat: the fuzzer may name it, but can never write to it. */
    String chat() {
        return chat;
    }

    List<String> userIds() {
        return List.of(ann.id(), bob.id());
    }

    int checks() {
        return exchanges;
    }

    /** One message from Ann to Bob and one back, each accepted and delivered within seconds. */
    void exchange() {
        int n = ++exchanges;
        deliver(annPhone, bobPhone, "ann-" + n, "hello bob, " + n);
        deliver(bobPhone, annPhone, "bob-" + n, "hello ann, " + n);
    }

    private void deliver(Peer from, Peer to, String id, String body) {
        from.send(Map.of("type", "send", "id", id, "chatId", chat, "body", body));
        Map<String, Object> accepted = from.await(f -> id.equals(f.get("id")), "the answer to " + id);
        assertThat(accepted).as("bystander send %s", id).containsEntry("type", "accepted");
        Map<String, Object> delivered = to.await(f -> "message".equals(f.get("type"))
                && accepted.get("messageId").equals(f.get("messageId")), "the delivery of " + id);
        assertThat(delivered).containsEntry("body", body);
        to.send(Map.of("type", "ack", "chatId", chat, "position", delivered.get("position")));
    }

    /** Their chat holds exactly the messages of the exchanges, in order, and nothing the fuzzer sent. */
    void assertTheirChatHoldsOnlyTheirMessages() {
        List<Object> ids = server.history(ann, chat).stream().map(m -> m.get("clientMessageId")).toList();
        assertThat(ids).hasSize(2 * exchanges);
        for (int n = 1; n <= exchanges; n++) {
            assertThat(ids.get(2 * n - 2)).isEqualTo("ann-" + n);
            assertThat(ids.get(2 * n - 1)).isEqualTo("bob-" + n);
        }
        assertThat(server.chats(ann)).containsExactly(chat);
        assertThat(server.chats(bob)).containsExactly(chat);
    }

    @Override
    public void close() {
        annPhone.ws.close();
        bobPhone.ws.close();
    }

    /** One bystander device: its connection and the frames it got and did not look at yet. */
    private static final class Peer {
        final BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
        final RawWebSocket ws;
        volatile String closed;

        Peer(FuzzServer server, FuzzUser user, String device) {
            ws = RawWebSocket.connect(server.gateway(), device, user.token(), new RawWebSocket.Listener() {
                @Override
                public void onText(String text) {
                    frames.add(Json.object(text));
                }

                @Override
                public void onClose(int code, String reason) {
                    closed = code + " " + reason;
                }
            });
        }

        void send(Map<String, Object> frame) {
            ws.sendText(Json.write(frame));
            ws.flush();
        }

        Map<String, Object> await(Predicate<Map<String, Object>> wanted, String what) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Map<String, Object> frame = frames.poll(50, TimeUnit.MILLISECONDS);
                    if (frame != null && wanted.test(frame)) {
                        return frame;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("a bystander did not get " + what + " within " + WAIT
                    + (closed == null ? "" : "; its connection closed: " + closed));
        }
    }
}
