import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Scanner;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A minimal terminal client for the chat gateway, runnable without a build:
 *   java scripts/ChatClient.java ws://127.0.0.1:8081/ws <access-token> <device-id>
 * Every line typed is sent as a text frame; every frame received is printed.
 */
public class ChatClient {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java scripts/ChatClient.java <ws-url> <access-token> <device-id>");
            System.exit(2);
        }
        CountDownLatch closed = new CountDownLatch(1);
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + args[1])
                .subprotocols("chat.v1")
                .buildAsync(URI.create(args[0] + "?device=" + args[2]), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            System.out.println("< " + text);
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                        System.out.println("closed: " + code + " " + reason);
                        closed.countDown();
                        return null;
                    }
                }).join();
        Thread reader = new Thread(() -> {
            Scanner in = new Scanner(System.in);
            while (in.hasNextLine()) {
                String line = in.nextLine().trim();
                if (!line.isEmpty()) {
                    ws.sendText(line, true).join();
                }
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        });
        reader.setDaemon(true);
        reader.start();
        closed.await();
    }
}
