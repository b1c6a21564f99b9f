package dev.chat.application.presence;

import dev.chat.application.port.PresenceClaims;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims decided in this process by one decider for every user: the embedded default, where the
 * one node is the whole cluster (its decider is made with {@link PresenceDecider#NODES_NEVER_LAPSE}).
 * Claims and sweeps run one at a time on {@code decisions} (one thread in production), in the order
 * they were handed over, and never on the thread of the node that claimed.
 */
public final class DecideHere implements PresenceClaims, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DecideHere.class.getName());
    private final PresenceDecider decider;
    private final Executor decisions;

    public DecideHere(PresenceDecider decider, Executor decisions) {
        this.decider = decider;
        this.decisions = decisions;
    }

    /** Decisions on a thread of their own ("presence-decisions"), stopped by {@link #close()}. */
    public static DecideHere onItsOwnThread(PresenceDecider decider) {
        return new DecideHere(decider, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "presence-decisions");
            thread.setDaemon(true);
            return thread;
        }));
    }

    @Override
    public void close() {
        if (decisions instanceof ExecutorService service) {
            service.shutdown();
        }
    }

    @Override
    public void send(Claim claim) {
        decisions.execute(() -> guarded("deciding on a claim", () -> decider.onClaim(claim)));
    }

    /** Announces what coalescing held back. Called periodically with the node's own sweep. */
    public void sweep() {
        decisions.execute(() -> guarded("the presence sweep", decider::sweep));
    }

    private static void guarded(String what, Runnable decision) {
        try {
            decision.run();
        } catch (RuntimeException e) {
            // the decision is published before it is announced: a failed announcement (contacts or
            // routes unreachable) leaves the state right, and the user's next change is announced
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }
}
