package dev.chat.benchmarks.load;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Web Push service on loopback for the push scenarios: either it answers every push 201 at once,
 * or it hangs, like a push service behind a load balancer that accepts connections and then says
 * nothing: each connection is accepted and held, unread, for {@code hangFor}, then closed.
 */
final class LoopbackPushService implements AutoCloseable {
    enum Mode { ANSWERING, HANGING }

    private final Mode mode;
    private final LongAdder requests = new LongAdder();
    private HttpServer answering;
    private ServerSocket hanging;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(daemon("push-closer"));

    LoopbackPushService(Mode mode, long hangForSeconds) throws IOException {
        this.mode = mode;
        if (mode == Mode.ANSWERING) {
            answering = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            answering.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    requests.increment();
                    exchange.sendResponseHeaders(201, -1);
                }
            });
            answering.setExecutor(Executors.newFixedThreadPool(2, daemon("push-service")));
            answering.start();
        } else {
            hanging = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
            Thread acceptor = daemon("push-hang").newThread(() -> {
                while (!hanging.isClosed()) {
                    try {
                        Socket held = hanging.accept();
                        requests.increment();
                        closer.schedule(() -> quietly(held), hangForSeconds, TimeUnit.SECONDS);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
        }
    }

    URI endpoint(String id) {
        int port = mode == Mode.ANSWERING ? answering.getAddress().getPort() : hanging.getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/push/" + id);
    }

    /** Pushes answered (answering) or connections held (hanging). */
    long requests() {
        return requests.sum();
    }

    /** A browser's subscription keys: an uncompressed P-256 public key and a 16-byte auth secret, base64url. */
    static String[] browserKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        copy32(key.getW().getAffineX().toByteArray(), point, 1);
        copy32(key.getW().getAffineY().toByteArray(), point, 33);
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return new String[]{base64url.encodeToString(point), base64url.encodeToString(auth)};
    }

    private static void copy32(byte[] value, byte[] into, int at) {
        int length = Math.min(32, value.length);
        System.arraycopy(value, value.length - length, into, at + 32 - length, length);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a held connection: nothing to do if it went already
        }
    }

    @Override
    public void close() throws IOException {
        if (answering != null) {
            answering.stop(0);
        }
        if (hanging != null) {
            hanging.close();
        }
        closer.shutdownNow();
    }
}
