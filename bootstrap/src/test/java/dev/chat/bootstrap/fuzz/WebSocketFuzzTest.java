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
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the WebSocket gateway of a running server with 100,000 messages: the protocol's frames,
 * valid and mutated, random JSON, text and bytes, text that is not UTF-8, messages around the size
 * limit. Every one must get its documented answer (an answer, an error frame with a documented
 * code, or a documented close); two bystanders keep chatting meanwhile; and what is stored is
 * exactly what was acknowledged.
 */
class WebSocketFuzzTest {
    private static final int MAX_FRAME_BYTES = 16_384;
    private static final int MAX_BODY_BYTES = 4_096;

    private static FuzzServer server;
    private static Bystanders bystanders;
    private static FuzzUser fuzzer;
    private static FuzzUser partner;
    private static List<String> memberChats;
    private static List<String> otherChats;
    private static WsInputs inputs;
    private static FrameOracle oracle;
    private static Tally tally;
    private static SendLedger ledger;
    private static FramePipeline pipeline;
    private static ClosingFrames closing;
    private static FuzzUser loner;
    private static FuzzRun run;

    @BeforeContainer
    static void start() {
        server = FuzzServer.shared();
        bystanders = Bystanders.join(server);
        fuzzer = server.signUp("ws-fuzzer");
        partner = server.signUp("ws-partner");
        FuzzUser member = server.signUp("ws-member");
        FuzzUser stranger = server.signUp("ws-stranger");
        loner = server.signUp("ws-loner");
        memberChats = List.of(server.openDirectChat(fuzzer, partner),
                server.createGroup(fuzzer, "fuzzed", List.of(partner.id(), member.id())));
        otherChats = List.of(server.openDirectChat(partner, stranger), bystanders.chat());
        List<String> seeable = List.of(partner.id(), member.id(), fuzzer.id());
        List<String> strangers = List.of(stranger.id(), bystanders.userIds().get(0), bystanders.userIds().get(1));
        inputs = new WsInputs(new WsInputs.Targets(memberChats, otherChats, seeable, strangers), MAX_FRAME_BYTES);
        oracle = new FrameOracle(memberChats, seeable, MAX_BODY_BYTES);
        tally = new Tally("websocket");
        ledger = new SendLedger(tally);
        pipeline = new FramePipeline(server, fuzzer, "fuzz-phone", oracle, ledger, tally);
        closing = new ClosingFrames(server, loner, MAX_FRAME_BYTES, tally);
        run = new FuzzRun(tally);
    }

    @AfterContainer
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
            closing.close();
            bystanders.close();
        }
    }

    @Provide
    Arbitrary<List<WsInput>> batches() {
        return Choose.lists(inputs.inputs(), FuzzRun.BATCH, FuzzRun.BATCH);
    }

    @Property(tries = FuzzRun.TRIES, seed = FuzzRun.SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void everyMessageGetsItsDocumentedAnswer(@ForAll("batches") List<WsInput> batch) throws Exception {
        run.attempt(() -> fuzz(batch), bystanders::exchange);
    }

    private static void fuzz(List<WsInput> batch) throws Exception {
        List<WsInput> closers = batch.stream().filter(i -> i.closesTheConnection(MAX_FRAME_BYTES)).toList();
        List<WsInput> staying = batch.stream().filter(i -> !i.closesTheConnection(MAX_FRAME_BYTES)).toList();
        List<Future<?>> closed = closing.submit(closers);
        pipeline.run(staying);
        for (Future<?> close : closed) {
            close.get();
        }
    }

    @AfterProperty
    void nothingWasStoredButWhatWasAcknowledgedAndTheBystandersStillChat() {
        bystanders.exchange();
        bystanders.assertTheirChatHoldsOnlyTheirMessages();
        tally.add("bystander-checks", "ok", bystanders.checks());

        ledger.checkAgainstTheInputs();
        for (String chat : memberChats) {
            ledger.checkHistory(chat, server.history(fuzzer, chat));
        }
        tally.add("stored", "acknowledged", ledger.acknowledgedMessages());
        assertThat(new HashSet<>(server.chats(fuzzer))).as("the fuzzer's chats").isEqualTo(new HashSet<>(memberChats));
        assertThat(server.chats(loner)).as("the closer's chats").isEmpty();
        assertThat(server.history(partner, otherChats.get(0))).as("a chat the fuzzer is not in").isEmpty();

        tally.add("connections", "closers", tally.total("closes"));
        run.finish("docs/protocol.md");
    }
}
