package dev.chat.application.push;

import dev.chat.application.port.PushSender;
import dev.chat.domain.push.PushSubscription;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A push sender that records every attempt and answers from a script (then Delivered). */
final class ScriptedPushSender implements PushSender {
    record Sent(PushSubscription subscription, Notification notification) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final List<CompletableFuture<Outcome>> held = new ArrayList<>();
    private boolean hang;

    synchronized void answer(Outcome... outcomes) {
        script.addAll(List.of(outcomes));
    }

    /** Held attempts, completed when the test says. */
    final class Gate {
        /** Completes the oldest held attempt. */
        void release(Outcome outcome) {
            CompletableFuture<Outcome> oldest;
            synchronized (ScriptedPushSender.this) {
                oldest = held.remove(0);
            }
            oldest.complete(outcome);
        }
    }

    /** From now on attempts wait until the returned gate releases them. */
    synchronized Gate gate() {
        hang = true;
        return new Gate();
    }

    /** From now on no attempt completes (a push service that never answers). */
    synchronized void hang() {
        hang = true;
    }

    private final List<Sent> prepared = new ArrayList<>();

    @Override
    public synchronized Prepared prepare(PushSubscription subscription, Notification notification) {
        prepared.add(new Sent(subscription, notification));
        return () -> send(subscription, notification);
    }

    /** Pushes prepared: one per notification and device, however often it is sent. */
    synchronized List<Sent> prepared() {
        return List.copyOf(prepared);
    }

    private synchronized CompletionStage<Outcome> send(PushSubscription subscription, Notification notification) {
        sent.add(new Sent(subscription, notification));
        if (hang) {
            CompletableFuture<Outcome> never = new CompletableFuture<>();
            held.add(never);
            return never;
        }
        Outcome next = script.isEmpty() ? new Outcome.Delivered() : script.poll();
        return CompletableFuture.completedFuture(next);
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
