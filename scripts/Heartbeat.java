import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny presence client, runnable without a build: opens a presence session over REST, then sends
 * a signed heartbeat datagram (docs/presence-datagram.md) every interval until stopped.
 *   java scripts/Heartbeat.java http://127.0.0.1:8080 <access-token> [count]
 */
public class Heartbeat {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java scripts/Heartbeat.java <api-url> <access-token> [count]");
            System.exit(2);
        }
        URI api = URI.create(args[0]);
        long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.resolve("/api/presence/sessions")).header("Authorization", "Bearer " + args[1])
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            System.err.println("opening a presence session failed: " + response.statusCode() + " " + response.body());
            System.exit(1);
        }
        String body = response.body();
        byte[] ticket = Base64.getUrlDecoder().decode(field(body, "ticket"));
        byte[] key = Base64.getUrlDecoder().decode(field(body, "key"));
        // heartbeats are dated on the server's clock: its time at the answer, plus the time elapsed since
        long serverOffset = Long.parseLong(field(body, "serverTime")) - System.currentTimeMillis();
        int port = Integer.parseInt(field(body, "udpPort"));
        long interval = Long.parseLong(field(body, "heartbeatIntervalSeconds"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(new InetSocketAddress(api.getHost(), port));
            for (long sequence = 1; sequence <= count; sequence++) {
                ByteBuffer datagram = ByteBuffer.allocate(76);
                datagram.put((byte) 2).put((byte) 1).putShort((short) 0)
                        .put(ticket).putLong(sequence).putLong(System.currentTimeMillis() + serverOffset);
                mac.update(datagram.array(), 0, 60);
                datagram.put(mac.doFinal(), 0, 16);
                datagram.flip();
                channel.write(datagram);
                System.out.println("heartbeat " + sequence + " sent to udp://" + api.getHost() + ":" + port);
                if (sequence < count) {
                    Thread.sleep(interval * 1000);
                }
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
