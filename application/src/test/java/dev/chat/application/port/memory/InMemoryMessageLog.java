package dev.chat.application.port.memory;

import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Thread-safe in-memory {@link MessageLog} for use-case tests. It calls its consumers synchronously,
 * inside {@link #append} (and inside {@link #subscribe} for what was logged before), so a test sees
 * the pipeline's effects as soon as append returns: first the leaders' consumers, then their
 * followers'. A consumer that throws keeps its messages pending: they are offered again on the next
 * append (or subscribe), and its followers wait for them.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link #InMemoryMessageLog() new InMemoryMessageLog()}: as the port says, one consumer per
 *       subscription name; subscribing a name again throws {@link IllegalStateException}.</li>
 *   <li>{@link #withConsumerGroups()}: for tests in which several "nodes" (assemblies of use cases
 *       in one JVM) share this one log instance, like the nodes of a cluster share a Kafka topic.
 *       Several consumers may subscribe one name as a consumer group: the first is active and gets
 *       everything, the later ones are standbys that get nothing. When the active one is removed
 *       with {@link #unsubscribe}, the next standby takes over from the subscription's recorded
 *       position (what the removed one had returned from), so nothing it had not handled is lost.
 *       This sharing is the fake's only: the in-process adapters refuse a second consumer.</li>
 * </ul>
 */
public final class InMemoryMessageLog implements MessageLog {
    private record Key(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    }

    /** What survives a simulated restart: the entries and each subscription's position. */
    private static final class Durable {
        final List<Message> entries = new ArrayList<>();
        final Map<Key, Message> byKey = new HashMap<>();
        final Map<String, Long> positions = new HashMap<>();
        long head;
    }

    /** A subscription's consumers on this instance: the first is the active one, the rest standbys. */
    private static final class Group {
        final Subscription subscription;
        final List<Consumer> consumers = new ArrayList<>();

        Group(Subscription subscription) {
            this.subscription = subscription;
        }
    }

    private final Durable durable;
    private final boolean consumerGroups;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private boolean delivering;
    private boolean deliverAgain;

    /** A log that allows one consumer per subscription name, as the port says. */
    public InMemoryMessageLog() {
        this(new Durable(), false);
    }

    private InMemoryMessageLog(Durable durable, boolean consumerGroups) {
        this.durable = durable;
        this.consumerGroups = consumerGroups;
    }

    /** A log that several nodes of one test share: a subscription name may have a group of consumers (see above). */
    public static InMemoryMessageLog withConsumerGroups() {
        return new InMemoryMessageLog(new Durable(), true);
    }

    /** The same log as a process restart would find it: entries and positions kept, no consumers. */
    public InMemoryMessageLog restarted() {
        synchronized (durable) {
            groups.clear();
            return new InMemoryMessageLog(durable, consumerGroups);
        }
    }

    @Override
    public CompletionStage<Appended> append(Entry entry) {
        synchronized (durable) {
            Key key = new Key(entry.chatId(), entry.sender(), entry.clientMessageId());
            Message original = durable.byKey.get(key);
            if (original != null) {
                return CompletableFuture.completedFuture(new Appended(original, true));
            }
            Message message;
            try {
                message = entry.at(new Position(durable.head + 1));
            } catch (RuntimeException invalid) {
                return CompletableFuture.failedFuture(invalid);
            }
            durable.head++;
            durable.entries.add(message);
            durable.byKey.put(key, message);
            deliverPending();
            return CompletableFuture.completedFuture(new Appended(message, false));
        }
    }

    @Override
    public Position head(ChatId chat) {
        synchronized (durable) {
            return new Position(durable.head);
        }
    }

    @Override
    public void subscribe(Subscription subscription, Consumer consumer) {
        if (subscription.after().filter(subscription.name()::equals).isPresent()) {
            throw new IllegalArgumentException("a subscription cannot follow itself: " + subscription.name());
        }
        synchronized (durable) {
            Group group = groups.get(subscription.name());
            if (group != null && !group.consumers.isEmpty()) {
                if (!consumerGroups) {
                    throw new IllegalStateException("subscription " + subscription.name() + " already has a consumer");
                }
                if (!group.subscription.equals(subscription)) {
                    throw new IllegalStateException("subscription " + subscription.name() + " is already "
                            + group.subscription + ", not " + subscription);
                }
            }
            if (group == null || group.consumers.isEmpty()) {
                group = new Group(subscription);
                groups.put(subscription.name(), group);
            }
            group.consumers.add(consumer);
            deliverPending();
        }
    }

    /**
     * Removes a consumer from its subscription on this log. When it was the active one, the next
     * standby (if any) becomes active and is given, at once, what the subscription has not handled;
     * with none left, the subscription waits, and its followers with it. False if it was not subscribed.
     */
    public boolean unsubscribe(Subscription subscription, Consumer consumer) {
        synchronized (durable) {
            Group group = groups.get(subscription.name());
            if (group == null || !group.consumers.remove(consumer)) {
                return false;
            }
            if (group.consumers.isEmpty()) {
                groups.remove(subscription.name());
            }
            deliverPending();
            return true;
        }
    }

    @Override
    public long backlog(Subscription subscription) {
        synchronized (durable) {
            return durable.head - position(subscription.name());
        }
    }

    /** Every message logged so far, in position order. */
    public List<Message> entries() {
        synchronized (durable) {
            return List.copyOf(durable.entries);
        }
    }

    private long position(String subscription) {
        return durable.positions.getOrDefault(subscription, 0L);
    }

    /** Up to where the subscription may be fed: the head, or what its leader has handled. */
    private Optional<Long> limit(Subscription subscription) {
        if (subscription.after().isEmpty()) {
            return Optional.of(durable.head);
        }
        Group leader = groups.get(subscription.after().get());
        return leader == null || leader.consumers.isEmpty()
                ? Optional.empty() : Optional.of(position(leader.subscription.name()));
    }

    /** Feeds every active consumer what it may have, leaders before their followers, until none progresses. */
    private void deliverPending() {
        if (delivering) {
            // a consumer appended or subscribed: the loop below goes round once more
            deliverAgain = true;
            return;
        }
        delivering = true;
        try {
            boolean progressed = true;
            while (progressed || deliverAgain) {
                deliverAgain = false;
                progressed = false;
                for (Group group : List.copyOf(groups.values())) {
                    if (!group.consumers.isEmpty() && deliverTo(group)) {
                        progressed = true;
                    }
                }
            }
        } finally {
            delivering = false;
        }
    }

    private boolean deliverTo(Group group) {
        String name = group.subscription.name();
        long after = position(name);
        long upTo = limit(group.subscription).orElse(after);
        if (upTo <= after) {
            return false;
        }
        // positions are 1, 2, 3...: entry i is at position i + 1
        List<Message> pending = List.copyOf(durable.entries.subList((int) after, (int) upTo));
        try {
            group.consumers.get(0).accept(pending);
        } catch (RuntimeException failed) {
            // kept pending: offered again on the next append, as a real log retries
            return false;
        }
        durable.positions.merge(name, upTo, Math::max);
        return true;
    }
}
