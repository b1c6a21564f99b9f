package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and integrators rely on: health, readiness, Prometheus metrics, OpenAPI, JWKS. */
class OperationsTest extends EmbeddedServerTest {

    @Test
    void healthAndReadinessAnswerUp() {
        ApiClient.Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        assertThat(health.json().get("details"))
                .as("the JDBC URL, the data path and disk sizes are not shown to anyone who asks").isNull();
        assertThat(health.body()).doesNotContain("jdbc:", "diskSpace");
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesTheChatMeters() {
        ChatUser a = ChatUser.signUp(api, "meter");
        ChatUser b = ChatUser.signUp(api, "reader");
        String chat = a.openDirectChatWith(api, b);
        try (WsClient bPhone = WsClient.connect(server.gateway(), b.token(), "phone");
             WsClient aPhone = WsClient.connect(server.gateway(), a.token(), "phone")) {
            bPhone.nextOfType("caught_up");
            aPhone.nextOfType("caught_up");
            aPhone.sendMessage(chat, "m1", "count me");
            bPhone.messages(chat, 1);
            String metrics = api.get("/prometheus", null).body();
            assertThat(metrics).contains("chat_connections_open", "chat_messages_accepted_total",
                    "chat_messages_delivered_seconds_count", "chat_messages_delivered_seconds_bucket",
                    "chat_messages_pending");
            assertThat(metrics).as("RocksDB's memory, by kind, on the embedded default")
                    .containsPattern("chat_storage_memory_bytes\\{kind=\"memtables\",?\\} [1-9]")
                    .contains("chat_storage_memory_bytes{kind=\"block-cache\"", "chat_storage_memory_bytes{kind=\"table-readers\"");
            assertThat(metrics).as("the group commit's timings and RocksDB's write stalls")
                    .containsPattern("chat_log_commit_seconds_count [1-9]")
                    .containsPattern("chat_log_lookups_seconds_count [1-9]")
                    .containsPattern("chat_log_commit_messages_sum [1-9]")
                    .contains("chat_storage_write_stalls_total{cause=\"l0-file-count-limit-stops\"} 0.0")
                    .contains("chat_storage_level0_files{family=\"client_ids\"}")
                    .contains("chat_storage_compaction_cpu_seconds_total{family=\"messages\"}")
                    .contains("chat_storage_compaction_pending_bytes{family=\"client_ids\"}");
            assertThat(metrics).as("the live heap after the last full collection, which the soak reads after forcing one")
                    .contains("jvm_gc_live_data_size_bytes");
            assertThat(metrics).doesNotContain("count me").doesNotContain(a.token());
        }
    }

    @Test
    void theOpenApiDocumentIsServed() {
        ApiClient.Response openApi = api.get("/swagger/chat-api-1.0.yml", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi: 3", "/api/chats/{chatId}/messages", "/api/groups");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentStatesTheCreatedStatusWhereTheServerAnswers201() {
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(api.get("/swagger/chat-api-1.0.yml", null).body());
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (String path : List.of("/api/auth/signup", "/api/chats/{chatId}/messages", "/api/presence/sessions",
                "/api/groups")) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("post");
            assertThat(((Map<String, Object>) post.get("responses")).keySet()).as("POST " + path)
                    .contains("201").doesNotContain("200");
        }
        ChatUser ann = ChatUser.signUp(api, "openapi-ann");
        assertThat(api.post("/api/presence/sessions", ann.token(), Map.of()).status()).isEqualTo(201);
        assertThat(api.post("/api/groups", ann.token(), Map.of("name", "g", "members", List.of())).status()).isEqualTo(201);
    }

    /** The fuzzer found these two answering 204 where the document said 200. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentStatesNoContentWhereTheServerAnswers204() {
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(api.get("/swagger/chat-api-1.0.yml", null).body());
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (Map.Entry<String, String> operation : Map.of("/api/chats/{chatId}/offsets/{device}", "put",
                "/api/groups/{id}/leave", "post").entrySet()) {
            Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) paths.get(operation.getKey()))
                    .get(operation.getValue());
            assertThat(((Map<String, Object>) op.get("responses")).keySet()).as(operation.toString())
                    .containsExactly("204");
        }
        ChatUser ann = ChatUser.signUp(api, "openapi-ann");
        String group = (String) api.post("/api/groups", ann.token(), Map.of("name", "g", "members", List.of())).json().get("id");
        assertThat(api.put("/api/chats/" + group + "/offsets/phone", ann.token(), Map.of("position", 0)).status()).isEqualTo(204);
        assertThat(api.post("/api/groups/" + group + "/leave", ann.token(), Map.of()).status()).isEqualTo(204);
    }

    @Test
    void theGatewayListensWithABacklogSizedForReconnectStorms() throws Exception {
        int port = server.gateway().getPort();
        Process ss;
        try {
            ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("this test reads the listen backlog with `ss` (iproute2), which is missing", e);
        }
        String line = new String(ss.getInputStream().readAllBytes()).strip();
        assertThat(ss.waitFor()).isZero();
        // a listening socket's Send-Q is its backlog; the kernel caps it at net.core.somaxconn
        int somaxconn = Integer.parseInt(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/core/somaxconn")).get(0).strip());
        // (readString reads procfs files short: their size is reported wrong)
        assertThat(Integer.parseInt(line.split("\\s+")[2])).as(line).isEqualTo(Math.min(4096, somaxconn));
    }

    @Test
    void theEmbeddedIssuerPublishesOnlyPublicKeys() {
        ApiClient.Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"keys\"", "\"kid\"").doesNotContain("\"d\"");
    }
}
