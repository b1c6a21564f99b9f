package dev.chat.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 to another server: a real network hop that a test can cut (then nothing
 * listens on its port any more, as when a provider is down), and that counts the HTTP requests it
 * carried, to see how often the chat server asks for keys.
 */
final class TcpRelay implements AutoCloseable {
    private static final byte[] REQUEST_START = "GET ".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("relay-accept", this::accept).start();
    }

    /** A relay to the host and port of {@code upstream}. */
    static TcpRelay to(URI upstream) {
        try {
            return new TcpRelay(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code upstream} reached through this relay: the same path on the relay's port. */
    URI relayed(URI upstream) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + upstream.getRawPath());
    }

    /** GET requests relayed so far (the JWKS endpoint is asked with GET only). */
    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            daemon("relay-up", () -> pump(client, server, true)).start();
            daemon("relay-down", () -> pump(server, client, false)).start();
        }
    }

    private void pump(Socket from, Socket to, boolean countRequests) {
        byte[] buffer = new byte[8192];
        int matched = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (countRequests) {
                    matched = countRequestStarts(buffer, n, matched);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /* the match state carries over reads, as a request line may be split between two of them */
    private int countRequestStarts(byte[] bytes, int length, int matched) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == REQUEST_START[matched]) {
                if (++matched == REQUEST_START.length) {
                    requests.incrementAndGet();
                    matched = 0;
                }
            } else {
                matched = bytes[i] == REQUEST_START[0] ? 1 : 0;
            }
        }
        return matched;
    }

    /** Cuts the hop: stops listening and drops the open connections. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is left to do with it
        }
        if (closeable instanceof Socket socket) {
            sockets.remove(socket);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
