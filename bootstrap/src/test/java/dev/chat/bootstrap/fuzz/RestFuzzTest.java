package dev.chat.bootstrap.fuzz;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the REST API of a running server with 100,000 requests made from its served OpenAPI
 * document: random and mutated bodies for every operation that takes one, mutated headers, paths,
 * queries and methods. Every answer must be a documented status (a problem with a documented code
 * for an error), never a 5xx; two bystanders keep chatting meanwhile; and the server must hold
 * exactly what the accepted requests made: messages, chats, accounts, push targets.
 */
class RestFuzzTest {
    private static final int CONCURRENCY = 8;
    private static final int KEPT_GROUPS = 20;
    private static final int MAX_BODY_BYTES = 4_096;
    private static final Set<String> BODY_CATEGORIES = Set.of("valid", "mutated-body", "text-mutated-body",
            "random-json-body", "odd-body", "short-content-length");

    private static FuzzServer server;
    private static Bystanders bystanders;
    private static OpenApi api;
    private static FuzzUser fuzzer;
    private static RestTargets targets;
    private static RestInputs inputs;
    private static RestOracle oracle;
    private static RestState state;
    private static SendLedger sends;
    private static Tally tally;
    private static RequestPipeline pipeline;
    private static FuzzRun run;

    @BeforeContainer
    static void start() {
        server = FuzzServer.shared();
        bystanders = Bystanders.join(server);
        api = OpenApi.served(server.http());
        fuzzer = server.signUp("rest-fuzzer");
        FuzzUser partner = server.signUp("rest-partner");
        FuzzUser member = server.signUp("rest-member");
        FuzzUser stranger = server.signUp("rest-stranger");
        List<String> memberChats = List.of(server.openDirectChat(fuzzer, partner),
                server.createGroup(fuzzer, "fuzzed", List.of(partner.id(), member.id())));
        List<String> otherChats = List.of(server.openDirectChat(partner, stranger), bystanders.chat());
        PushKeys keys = PushKeys.generate();
        targets = RestTargets.of(fuzzer, FuzzServer.PASSWORD, memberChats, otherChats,
                List.of(partner.id(), member.id(), stranger.id(), fuzzer.id()), keys.p256dh(), keys.auth());
        inputs = new RestInputs(api, targets, BadTokens.against(server, fuzzer, partner));
        tally = new Tally("rest");
        sends = new SendLedger(tally);
        state = new RestState(targets, sends);
        oracle = new RestOracle(api, memberChats, fuzzer.token(), MAX_BODY_BYTES);
        pipeline = new RequestPipeline(server.http().base(), CONCURRENCY, tally);
        run = new FuzzRun(tally);
    }

    @AfterContainer
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (bystanders != null) {
            bystanders.close();
        }
    }

    @Provide
    Arbitrary<List<RestInput>> batches() {
        return Choose.lists(inputs.inputs(), FuzzRun.BATCH, FuzzRun.BATCH);
    }

    @Property(tries = FuzzRun.TRIES, seed = FuzzRun.SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void everyRequestGetsADocumentedAnswer(@ForAll("batches") List<RestInput> batch) throws Exception {
        run.attempt(() -> {
            pipeline.run(batch, RestFuzzTest::judge);
            leaveAllButTheLatestGroups();
        }, bystanders::exchange);
    }

    /**
     * Valid group creations add a chat to the fuzzer's list at every batch; grown to thousands, the
     * list would make every chat list and presence request cost the server more and more.
     */
    private static void leaveAllButTheLatestGroups() {
        List<String> created = targets.createdGroups();
        while (created.size() > KEPT_GROUPS) {
            String group = created.remove(0);
            FuzzHttp.Response left = server.http().post("/api/groups/" + group + "/leave", fuzzer.token(), Map.of());
            if (left.status() == 204 || left.status() == 404) {
                // 404: the fuzzing had made it leave already
                state.left(group);
            } else {
                tally.violation("leaving a group the fuzzer made answered " + left.status() + ": " + left.body());
            }
        }
    }

    private static void judge(RestInput input, FuzzHttp.Response answer) {
        tally.count("inputs", input.category());
        if (BODY_CATEGORIES.contains(input.category())) {
            tally.count("bodies by operation", input.operation().toString());
        }
        if (answer == null) {
            if (RestOracle.nearTheLimits(input)) {
                // refused while it was still being sent: the 413 can be lost to the reset (RFC 9112, 9.6)
                tally.count("statuses", "connection closed on an oversized request");
            } else {
                tally.violation("no answer to " + input.show());
            }
            return;
        }
        tally.count("statuses", Integer.toString(answer.status()));
        if (answer.status() >= 400 && answer.contentType().startsWith("application/problem+json")
                && !answer.body().isEmpty()) {
            Object code = Json.object(answer.body()).get("code");
            tally.count("codes", String.valueOf(code));
        }
        String wrong = oracle.wrongAnswer(input, answer);
        if (wrong != null) {
            tally.violation(wrong + ": " + input.show() + " answered " + Json.abbreviate(answer.body(), 300));
        }
        OpenApi.Operation reached = oracle.reached(input);
        state.record(input, reached, answer);
        boolean stored = reached != null && "POST /api/chats/{chatId}/messages".equals(reached.toString())
                && answer.status() == 201;
        FrameOracle.Verdict verdict = oracle.judgeSend(input);
        if (stored && verdict == FrameOracle.Verdict.REFUSE) {
            tally.violation("stored from an input the documentation refuses: " + input.show());
        } else if (!stored && verdict == FrameOracle.Verdict.STORE) {
            tally.violation("a valid send was refused: " + input.show() + " answered " + answer.status() + " "
                    + Json.abbreviate(answer.body(), 300));
        }
    }

    @AfterProperty
    void theServerHoldsExactlyWhatTheAcceptedRequestsMadeAndTheBystandersStillChat() throws Exception {
        bystanders.exchange();
        bystanders.assertTheirChatHoldsOnlyTheirMessages();
        tally.add("bystander-checks", "ok", bystanders.checks());

        for (String chat : targets.memberChats()) {
            sends.checkHistory(chat, server.history(fuzzer, chat));
        }
        tally.add("stored", "acknowledged", sends.acknowledgedMessages());
        assertThat(new HashSet<>(server.chats(fuzzer))).as("the fuzzer's chats").isEqualTo(state.chats());
        tally.add("stored", "chats", state.chats().size());
        checkAccounts();
        checkPushTargets();

        for (OpenApi.Operation operation : api.withBodies()) {
            assertThat(tally.get("bodies by operation", operation.toString())).as("bodies fuzzed for " + operation)
                    .isGreaterThanOrEqualTo(1_000L * FuzzRun.TRIES / 100);
        }
        run.finish("the API's documentation");
    }

    /** Every account a 201 answered exists; none that only refused sign-ups named does. */
    private static void checkAccounts() throws InterruptedException {
        List<RestInput> lookups = new java.util.ArrayList<>();
        for (String name : state.createdAccountNames()) {
            lookups.add(lookup("created", name));
        }
        for (String name : state.refusedAccounts()) {
            lookups.add(lookup("refused", name));
        }
        pipeline.run(lookups, (lookup, answer) -> {
            int expected = "created".equals(lookup.category()) ? 200 : 404;
            if (answer == null || answer.status() != expected) {
                tally.violation("an account a " + lookup.category() + " sign-up named: " + lookup.query() + " answered "
                        + (answer == null ? "nothing" : answer.status() + " " + answer.body()));
            }
        });
        tally.add("stored", "accounts", state.createdAccounts());
        tally.add("stored", "refused accounts absent", state.refusedAccounts().size());
    }

    private static RestInput lookup(String which, String username) {
        return new RestInput(which, null, "GET", "/api/users", "username=" + RestInputs.encode(username),
                List.of(new RestInput.Header("Authorization", "Bearer " + fuzzer.token())), null);
    }

    /** Every push target the server lists was registered with a 200 for its device. */
    @SuppressWarnings("unchecked")
    private static void checkPushTargets() {
        FuzzHttp.Response listed = server.http().get("/api/me/push", fuzzer.token());
        assertThat(listed.status()).isEqualTo(200);
        List<Object> push = Json.array(listed.body());
        for (Object o : push) {
            Map<String, Object> target = (Map<String, Object>) o;
            if (!state.registered((String) target.get("deviceId"), (String) target.get("address"))) {
                tally.violation("a push target no 200 registered: " + target);
            }
        }
        tally.add("stored", "push targets", push.size());
    }
}
