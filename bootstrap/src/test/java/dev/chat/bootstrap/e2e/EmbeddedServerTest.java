package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** An end-to-end test class against one server on the embedded default, started once for the class. */
abstract class EmbeddedServerTest {
    static RunningServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = RunningServer.start();
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
