package dev.chat.application.delivery;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until told to: a specification decides when background work happens. */
public final class ManualExecutor implements Executor {
    private final Queue<Runnable> waiting = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        waiting.add(task);
    }

    /** Runs every task handed over so far (and any they hand over), on the calling thread. */
    public void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    private synchronized Runnable poll() {
        return waiting.poll();
    }
}
