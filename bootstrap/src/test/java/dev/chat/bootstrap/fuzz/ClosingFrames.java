package dev.chat.bootstrap.fuzz;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The messages whose documented answer is a close (too big: 1009; not UTF-8: 1007), each sent on a
 * connection of its own by a user who is in no chat, a few connections at a time. Each must close
 * with its code within seconds; a connection left open, or closed with another code, is a violation.
 */
final class ClosingFrames implements AutoCloseable {
    private static final int PARALLEL = 3;
    private static final long WAIT_SECONDS = 10;

    private final FuzzServer server;
    private final FuzzUser user;
    private final int maxFrameBytes;
    private final Tally tally;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    private final ThreadLocal<String> device = new ThreadLocal<>();

    ClosingFrames(FuzzServer server, FuzzUser user, int maxFrameBytes, Tally tally) {
        this.server = server;
        this.user = user;
        this.maxFrameBytes = maxFrameBytes;
        this.tally = tally;
    }

    /** Starts sending them; the futures end when each is judged. */
    List<Future<?>> submit(List<WsInput> inputs) {
        return inputs.stream().<Future<?>>map(input -> pool.submit(() -> judge(input))).toList();
    }

    private void judge(WsInput input) {
        tally.count("inputs", input.category());
        // one device per thread: its previous connection is closed before the next one opens
        if (device.get() == null) {
            device.set("closer-" + Thread.currentThread().getId());
        }
        RawWebSocket ws = RawWebSocket.connect(server.gateway(), device.get(), user.token(), new RawWebSocket.Listener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onClose(int code, String reason) {
            }
        });
        ws.sendText(input.payload());
        ws.flush();
        int code;
        try {
            code = ws.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            tally.violation("still open " + WAIT_SECONDS + " s after " + input.show());
            ws.close();
            return;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        tally.count("closes", Integer.toString(code));
        boolean tooBig = input.payload().length > maxFrameBytes;
        boolean notUtf8 = input.text() == null;
        boolean documented = code == 1009 && tooBig || code == 1007 && notUtf8;
        if (!documented) {
            tally.violation("closed with " + code + " (documented: " + (tooBig ? "1009 " : "") + (notUtf8 ? "1007" : "")
                    + ") after " + input.show());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
