package dev.chat.application.push;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At most one push per recipient and chat within an interval. The first message after a quiet
 * interval is pushed at once; the ones that follow within the interval are folded into one push at
 * its end, for the latest of them, so the last notification a person sees is never older than one
 * interval. State is per recipient and chat and lives where the chat's fan-out runs (one worker per
 * chat partition in the distributed profile, so one throttle sees all of a chat's messages).
 */
final class PushThrottle {
    /** A push to make now: the latest message waiting for the recipient in its chat. */
    record Due(Membership recipient, Message message) {
    }

    private record Key(UserId recipient, ChatId chat) {
    }

    private static final class Window {
        Instant ends;
        Due folded;

        Window(Instant ends) {
            this.ends = ends;
        }
    }

    /** When each window ends, in that order (all windows are equally long); stale entries are skipped. */
    private record Ending(Key key, Instant ends) {
    }

    private final Duration interval;
    private final Map<Key, Window> windows = new HashMap<>();
    private final ArrayDeque<Ending> endings = new ArrayDeque<>();

    PushThrottle(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the push interval is zero or more");
        }
        this.interval = interval;
    }

    /** True when this message is to be pushed now; otherwise it is folded into the push at the window's end. */
    synchronized boolean offer(Membership recipient, Message message, Instant now) {
        Key key = new Key(recipient.userId(), message.chatId());
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.ends)) {
            // a window that ended with a folded push not yet taken: this newer message's push replaces it
            open(key, now);
            return true;
        }
        if (window.folded == null || message.position().isAfter(window.folded.message().position())) {
            window.folded = new Due(recipient, message);
        }
        return false;
    }

    /**
     * The folded pushes whose window ended by {@code now}; each opens a new window. Windows that ended
     * with nothing folded are forgotten.
     */
    synchronized List<Due> due(Instant now) {
        List<Due> due = new ArrayList<>();
        while (!endings.isEmpty() && !now.isBefore(endings.peekFirst().ends())) {
            Ending ending = endings.pollFirst();
            Window window = windows.get(ending.key());
            if (window == null || !window.ends.equals(ending.ends())) {
                continue;
            }
            if (window.folded == null) {
                windows.remove(ending.key());
            } else {
                due.add(window.folded);
                open(ending.key(), now);
            }
        }
        return due;
    }

    private void open(Key key, Instant now) {
        Instant ends = now.plus(interval);
        windows.put(key, new Window(ends));
        endings.addLast(new Ending(key, ends));
    }

    /** Recipient-and-chat pairs with a window open. */
    synchronized int open() {
        return windows.size();
    }
}
