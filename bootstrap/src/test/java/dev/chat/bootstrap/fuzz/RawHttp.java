package dev.chat.bootstrap.fuzz;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 on a plain keep-alive socket, one per thread: the request goes out exactly as the fuzzer
 * wrote it (any method, header bytes, a Content-Length that lies), and costs a fraction of the JDK
 * client's work, which took a fifth of the REST fuzzer's CPU. The connection is closed whenever
 * the server says so, answers in HTTP/1.0, or may have been left out of step.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /**
     * Sends the request and reads its answer. {@code declaredLength}, when not null, is the
     * Content-Length to claim whatever the body's length; after such a request the connection is not reused.
     */
    FuzzHttp.Response exchange(RestInput input, Integer declaredLength) throws IOException {
        Connection connection = connections.get();
        boolean reused = connection != null;
        if (connection == null) {
            connection = open();
        }
        try {
            return exchange(connection, input, declaredLength);
        } catch (IOException e) {
            connection.close();
            connections.remove();
            if (reused && !connection.answered) {
                // the server closed the kept-alive connection while it was idle: once more on a new one
                return exchange(open(), input, declaredLength);
            }
            throw e;
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        Connection connection = new Connection(socket);
        connections.set(connection);
        return connection;
    }

    private FuzzHttp.Response exchange(Connection c, RestInput input, Integer declaredLength) throws IOException {
        c.answered = false;
        StringBuilder head = new StringBuilder(256).append(input.method()).append(' ').append(input.target())
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        for (RestInput.Header header : input.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        byte[] body = input.bodyBytes();
        if (body != null || declaredLength != null) {
            head.append("Content-Length: ").append(declaredLength != null ? declaredLength : body.length).append("\r\n");
        }
        head.append("\r\n");
        c.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            c.out.write(body);
        }
        c.out.flush();
        FuzzHttp.Response response = read(c, "HEAD".equals(input.method()));
        if (declaredLength != null || c.closeAfter) {
            c.close();
            connections.remove();
        }
        return response;
    }

    private static FuzzHttp.Response read(Connection c, boolean head) throws IOException {
        String statusLine = line(c.in);
        c.answered = true;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        String contentType = "";
        c.closeAfter = parts[0].equals("HTTP/1.0");
        for (String header = line(c.in); !header.isEmpty(); header = line(c.in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> contentType = value;
                case "connection" -> c.closeAfter |= value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (chunked) {
            body = chunks(c.in);
        } else if (length >= 0) {
            body = c.in.readNBytes(Math.toIntExact(length));
            if (body.length < length) {
                throw new EOFException("the answer ended " + (length - body.length) + " bytes short");
            }
        } else {
            body = c.in.readAllBytes();
            c.closeAfter = true;
        }
        return new FuzzHttp.Response(status, new String(body, StandardCharsets.UTF_8), contentType);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers carry nothing the fuzzer reads
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        boolean answered;
        boolean closeAfter;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 14);
            this.in = new BufferedInputStream(socket.getInputStream(), 1 << 14);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
