package dev.chat.bootstrap.fuzz;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One fuzzing device that keeps hundreds of frames in flight on one connection. Each frame is
 * followed by a ping of the fuzzer's own: a connection handles its frames in order and answers
 * all but {@code send} as it handles them (protocol.md, "ping"), so the answers between two of
 * these pongs are the frame's direct answers; a {@code send}'s later {@code accepted} or error
 * carries the frame's id. A frame that gets nothing at all (but an ack without id, which is
 * documented to get nothing) is a violation, as is any undocumented answer or code. If the server
 * closes the connection, the frame it was handling is charged with the close, and the frames it
 * never handled are sent again on a new connection.
 */
final class FramePipeline implements AutoCloseable {
    static final String SENTINEL = "~sentinel~";
    private static final int IN_FLIGHT = 256;
    private static final long SILENCE_MILLIS = 30_000;
    private static final Set<String> UNSOLICITED = Set.of("caught_up", "message", "chat.event");

    private final FuzzServer server;
    private final FuzzUser user;
    private final String device;
    private final FrameOracle oracle;
    private final SendLedger ledger;
    private final Tally tally;
    private Connection connection;
    private int connections;

    FramePipeline(FuzzServer server, FuzzUser user, String device, FrameOracle oracle, SendLedger ledger, Tally tally) {
        this.server = server;
        this.user = user;
        this.device = device;
        this.oracle = oracle;
        this.ledger = ledger;
        this.tally = tally;
    }

    /** Sends every input and judges its answers; returns when all are answered (or charged with a close). */
    void run(List<WsInput> inputs) {
        List<WsInput> pending = inputs;
        while (!pending.isEmpty()) {
            if (connection == null || !connection.ws.isOpen()) {
                connection = new Connection();
                connections++;
                tally.count("connections", device);
            }
            pending = connection.run(pending);
        }
    }

    int connections() {
        return connections;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.ws.close();
        }
    }

    /** A frame sent on a connection, as the server reads it, and the answers found between its pongs. */
    private record Sent(WsInput input, JsonNode tree, List<Map<String, Object>> answers) {
    }

    private final class Connection implements RawWebSocket.Listener {
        final RawWebSocket ws;
        final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        /** Guarded by this: the frames sent, in order, how many of their pongs came, and answers by id. */
        final List<Sent> sent = new ArrayList<>();
        final Map<String, List<JsonNode>> framesById = new HashMap<>();
        final Map<String, Integer> answersById = new HashMap<>();
        /** The number of the first frame in {@code sent}: the frames of earlier batches are judged and forgotten. */
        int offset;
        int ponged;
        volatile int closeCode;

        Connection() {
            ws = RawWebSocket.connect(server.gateway(), device, user.token(), this);
        }

        /** Sends the inputs and judges their answers; returns those the server never handled, to send again. */
        List<WsInput> run(List<WsInput> inputs) {
            int base;
            synchronized (this) {
                base = offset;
            }
            for (int i = 0; i < inputs.size() && ws.isOpen(); i++) {
                if (!acquire()) {
                    break;
                }
                WsInput input = inputs.get(i);
                String text = input.text();
                JsonNode tree = input.binary() || text == null ? null : Json.frameOrNull(text);
                synchronized (this) {
                    sent.add(new Sent(input, tree, new ArrayList<>()));
                    String id = FrameOracle.idOf(tree);
                    if (id != null) {
                        framesById.computeIfAbsent(id, k -> new ArrayList<>()).add(tree);
                    }
                }
                if (input.binary()) {
                    ws.sendBinary(input.payload());
                } else {
                    ws.sendText(input.payload());
                }
                ws.sendText("{\"type\":\"ping\",\"id\":\"" + SENTINEL + (base + i) + "\"}");
                if (i % 16 == 15 || inFlight.availablePermits() == 0) {
                    ws.flush();
                }
            }
            ws.flush();
            awaitAllHandled();
            List<WsInput> again = judge(inputs);
            forgetJudged();
            return again;
        }

        /** Once a batch is all handled, its frames are not needed any more: 100,000 of them would weigh. */
        private synchronized void forgetJudged() {
            if (ponged == offset + sent.size()) {
                offset += sent.size();
                sent.clear();
                framesById.clear();
                answersById.clear();
            }
        }

        private boolean acquire() {
            try {
                if (inFlight.tryAcquire(SILENCE_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tally.violation("the gateway answered nothing for " + SILENCE_MILLIS + " ms with " + IN_FLIGHT
                    + " frames in flight");
            ws.close();
            return false;
        }

        /** Waits until every frame's pong came and every frame with an id got an answer with it, or the connection closed. */
        private synchronized void awaitAllHandled() {
            long deadline = System.currentTimeMillis() + SILENCE_MILLIS;
            while (ws.isOpen() && (ponged < offset + sent.size() || !everyIdAnswered())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    tally.violation("silence: after " + SILENCE_MILLIS + " ms, " + (offset + sent.size() - ponged)
                            + " frames had no pong and these ids no answer: " + unansweredIds());
                    break;
                }
                try {
                    wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private boolean everyIdAnswered() {
            return unansweredIds().isEmpty();
        }

        private List<String> unansweredIds() {
            List<String> missing = new ArrayList<>();
            framesById.forEach((id, frames) -> {
                if (answersById.getOrDefault(id, 0) < frames.size()) {
                    missing.add(id);
                }
            });
            return missing;
        }

        /** Judges the frames handled on this connection; returns the inputs it never handled. */
        private synchronized List<WsInput> judge(List<WsInput> inputs) {
            List<WsInput> again = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Sent frame = sent.get(i);
                if (offset + i < ponged) {
                    judgeHandled(frame);
                } else if (offset + i == ponged && !ws.isOpen()) {
                    tally.count("inputs", frame.input().category());
                    tally.count("closes", closeCode + " unexpected");
                    tally.violation("the server closed the connection with " + closeCode + " on " + frame.input().show());
                } else {
                    again.add(frame.input());
                }
            }
            for (int i = sent.size(); i < inputs.size(); i++) {
                again.add(inputs.get(i));
            }
            return again;
        }

        private void judgeHandled(Sent frame) {
            tally.count("inputs", frame.input().category());
            JsonNode tree = frame.tree();
            String id = FrameOracle.idOf(tree);
            boolean answered = !frame.answers().isEmpty() || id != null && answersById.getOrDefault(id, 0) > 0
                    || "ack".equals(FrameOracle.typeOf(tree)) && id == null;
            if (!answered) {
                tally.violation("no answer to " + frame.input().show());
            }
            for (Map<String, Object> answer : frame.answers()) {
                String kind = (String) answer.get("type");
                if ("error".equals(kind) && answer.get("id") == null) {
                    String wrong = oracle.wrongCode(tree, (String) answer.get("code"));
                    if (wrong != null) {
                        tally.violation(wrong + ": " + answer + " to " + frame.input().show());
                    }
                } else if (!"error".equals(kind) && !"accepted".equals(kind)
                        && (!"presence".equals(kind) || java.util.Objects.equals(answer.get("id"), id))) {
                    String wrong = oracle.wrongSuccess(tree, answer);
                    if (wrong != null) {
                        tally.violation(wrong + ": " + answer + " to " + frame.input().show());
                    }
                }
            }
            switch (oracle.judgeSend(tree)) {
                case STORE -> ledger.mustStore(FrameOracle.keyOf(tree));
                case EITHER -> ledger.mayStore(FrameOracle.keyOf(tree));
                case REFUSE -> {
                }
            }
        }

        @Override
        public void onText(String text) {
            Map<String, Object> answer;
            try {
                answer = Json.object(text);
            } catch (RuntimeException e) {
                tally.violation("the server sent a frame that is not a JSON object: " + Json.abbreviate(text));
                return;
            }
            String kind = answer.get("type") instanceof String s ? s : null;
            String id = answer.get("id") instanceof String s ? s : null;
            if ("pong".equals(kind) && id != null && id.startsWith(SENTINEL)) {
                synchronized (this) {
                    int n = Integer.parseInt(id.substring(SENTINEL.length()));
                    if (n != ponged) {
                        tally.violation("pong " + n + " came when pong " + ponged + " was due: frames were handled out of order");
                    }
                    ponged++;
                    notifyAll();
                }
                inFlight.release();
                return;
            }
            tally.count("answers", "error".equals(kind) ? "error:" + answer.get("code") : String.valueOf(kind));
            if (!FrameOracle.SERVER_FRAMES.contains(kind)) {
                tally.violation("an undocumented server frame: " + answer);
            }
            if ("accepted".equals(kind)) {
                ledger.acknowledged((String) answer.get("chatId"), id, (String) answer.get("messageId"));
            }
            synchronized (this) {
                if (id != null) {
                    answersById.merge(id, 1, Integer::sum);
                    if ("error".equals(kind)) {
                        judgeErrorById(id, answer);
                    }
                }
                if (ponged < offset + sent.size() && !UNSOLICITED.contains(kind)) {
                    sent.get(ponged - offset).answers().add(answer);
                }
                notifyAll();
            }
        }

        /** An error with an id answers a frame with that id (perhaps a send handled a while ago). */
        private void judgeErrorById(String id, Map<String, Object> answer) {
            List<JsonNode> frames = framesById.getOrDefault(id, List.of());
            String code = (String) answer.get("code");
            String wrong = frames.isEmpty() ? "an error with an id no frame had" : null;
            for (JsonNode frame : frames) {
                wrong = oracle.wrongCode(frame, code);
                if (wrong == null) {
                    break;
                }
            }
            if (wrong != null) {
                tally.violation(wrong + ": " + answer + " to " + (frames.isEmpty() ? "?" : Json.abbreviate(frames.get(0).toString())));
            }
        }

        @Override
        public void onClose(int code, String reason) {
            closeCode = code;
            synchronized (this) {
                notifyAll();
            }
            inFlight.release(IN_FLIGHT);
        }
    }
}
