package dev.chat.bootstrap.fuzz;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written against RFC 6455 on a plain socket, because the JDK's client cannot
 * send what a fuzzer needs: text frames that are not valid UTF-8, or thousands of frames without
 * waiting for each write. Server frames are read on a thread of their own and handed to the
 * listener in arrival order.
 */
final class RawWebSocket implements AutoCloseable {
    /** What the reader thread reports; called on that thread, in arrival order. */
    interface Listener {
        void onText(String text);

        void onClose(int code, String reason);
    }

    /** No close frame came: the connection just ended (RFC 6455 section 7.1.5). */
    static final int ABNORMAL = 1006;
    private static final int OPCODE_CONTINUATION = 0, OPCODE_TEXT = 1, OPCODE_BINARY = 2, OPCODE_CLOSE = 8,
            OPCODE_PING = 9, OPCODE_PONG = 10;

    private final Socket socket;
    private final OutputStream out;
    private final Listener listener;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawWebSocket(Socket socket, OutputStream out, Listener listener) {
        this.socket = socket;
        this.out = out;
        this.listener = listener;
    }

    /** Upgrades with {@code chat.v1} and the token in the Authorization header, as a native client does. */
    static RawWebSocket connect(URI gateway, String device, String token, Listener listener) {
        try {
            Socket socket = new Socket(gateway.getHost(), gateway.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(0);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + gateway.getPath() + "?device=" + device + " HTTP/1.1\r\n"
                    + "Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat.v1\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            String status = readHeaders(in);
            if (!status.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new IllegalStateException("the gateway refused the upgrade: " + status);
            }
            RawWebSocket ws = new RawWebSocket(socket, out, listener);
            Thread reader = new Thread(() -> ws.readLoop(in), "fuzz-ws-reader-" + device);
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the gateway closed during the handshake");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /** Queues a text frame with these bytes as they are, valid UTF-8 or not; {@link #flush()} sends it. */
    void sendText(byte[] payload) {
        sendFrame(OPCODE_TEXT, payload);
    }

    void sendText(String text) {
        sendFrame(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] payload) {
        sendFrame(OPCODE_BINARY, payload);
    }

    /** Writes the queued frames; false when the connection is already gone. */
    boolean flush() {
        synchronized (out) {
            try {
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private void sendFrame(int opcode, byte[] payload) {
        synchronized (out) {
            try {
                writeFrame(opcode, payload);
            } catch (IOException e) {
                // the server closed: the close code arrives through the reader
            }
        }
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        int length = payload.length;
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        // a client must mask every frame (section 5.3); the key need not be secret here
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(mask);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
    }

    private void readLoop(DataInputStream in) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                int opcode = first & 0x0f;
                boolean fin = (first & 0x80) != 0;
                switch (opcode) {
                    case OPCODE_TEXT, OPCODE_CONTINUATION, OPCODE_BINARY -> {
                        message.write(payload);
                        if (fin) {
                            listener.onText(message.toString(StandardCharsets.UTF_8));
                            message.reset();
                        }
                    }
                    case OPCODE_PING -> {
                        sendFrame(OPCODE_PONG, payload);
                        flush();
                    }
                    case OPCODE_CLOSE -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        String reason = payload.length > 2
                                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                        sendFrame(OPCODE_CLOSE, new byte[]{payload.length >= 2 ? payload[0] : 3,
                                payload.length >= 2 ? payload[1] : (byte) 0xe8});
                        flush();
                        finish(code, reason);
                        return;
                    }
                    default -> {
                        // a pong or a reserved opcode: nothing to do
                    }
                }
            }
        } catch (IOException e) {
            finish(ABNORMAL, e.toString());
        } catch (RuntimeException e) {
            finish(ABNORMAL, "the listener failed: " + e);
            throw e;
        }
    }

    private void finish(int code, String reason) {
        if (closed.complete(code)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            listener.onClose(code, reason);
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        sendFrame(OPCODE_CLOSE, new byte[]{0x03, (byte) 0xe8});
        flush();
        try {
            closed.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            finish(ABNORMAL, "no close frame came back");
        }
    }
}
