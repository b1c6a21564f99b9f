package dev.chat.bootstrap.fuzz;

import dev.chat.bootstrap.fuzz.FrameOracle.SendKey;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fuzzer's account of what it made the server store: every message the server acknowledged,
 * and every send the documentation says must be stored or may be. At the end, what is stored must
 * be exactly what was acknowledged, and only ever from an input that may be stored.
 */
final class SendLedger {
    /** A message the server acknowledged (an accepted frame, or a 201). */
    record Acknowledged(String chat, String clientMessageId, String messageId) {
    }

    private final Map<String, Acknowledged> byMessageId = new HashMap<>();
    private final Set<SendKey> acknowledgedKeys = new HashSet<>();
    private final Set<SendKey> mustStore = new HashSet<>();
    private final Set<SendKey> mayStore = new HashSet<>();
    private final Tally tally;

    SendLedger(Tally tally) {
        this.tally = tally;
    }

    synchronized void acknowledged(String chat, String clientMessageId, String messageId) {
        Acknowledged ack = new Acknowledged(chat, clientMessageId, messageId);
        Acknowledged earlier = byMessageId.putIfAbsent(messageId, ack);
        if (earlier != null && !earlier.equals(ack)) {
            tally.violation("message " + messageId + " was acknowledged as " + earlier + " and as " + ack);
        }
        acknowledgedKeys.add(new SendKey(chat, clientMessageId));
    }

    synchronized void mustStore(SendKey key) {
        mustStore.add(key);
    }

    synchronized void mayStore(SendKey key) {
        mayStore.add(key);
    }

    synchronized int acknowledgedMessages() {
        return byMessageId.size();
    }

    synchronized Set<String> messageIdsIn(String chat) {
        Set<String> ids = new HashSet<>();
        byMessageId.values().stream().filter(a -> a.chat().equals(chat)).forEach(a -> ids.add(a.messageId()));
        return ids;
    }

    /** Every acknowledged message came from an input that may be stored, and every input that must be stored was. */
    synchronized void checkAgainstTheInputs() {
        for (Acknowledged ack : byMessageId.values()) {
            SendKey key = new SendKey(ack.chat(), ack.clientMessageId());
            if (!mustStore.contains(key) && !mayStore.contains(key)) {
                tally.violation("stored from an input the documentation refuses: " + ack);
            }
        }
        for (SendKey key : mustStore) {
            if (!acknowledgedKeys.contains(key)) {
                tally.violation("a valid send was never acknowledged: " + key);
            }
        }
    }

    /** The chat's history (REST, every page) holds exactly the acknowledged messages of the chat. */
    void checkHistory(String chat, List<java.util.Map<String, Object>> history) {
        Set<String> stored = new HashSet<>();
        history.forEach(m -> stored.add((String) m.get("id")));
        Set<String> acknowledged = messageIdsIn(chat);
        tally.add("stored", "messages", stored.size());
        if (stored.size() != history.size()) {
            tally.violation("chat " + chat + " lists a message twice");
        }
        if (!stored.equals(acknowledged)) {
            Set<String> unacknowledged = new HashSet<>(stored);
            unacknowledged.removeAll(acknowledged);
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            tally.violation("chat " + chat + " holds " + stored.size() + " messages, " + acknowledged.size()
                    + " were acknowledged; stored without an acknowledgement: " + unacknowledged.size()
                    + ", acknowledged but missing: " + lost.size());
        }
    }
}
