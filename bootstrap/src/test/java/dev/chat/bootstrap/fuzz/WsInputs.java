package dev.chat.bootstrap.fuzz;

import dev.chat.bootstrap.fuzz.JsonText.Obj;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the WebSocket fuzzer sends: the client frames of docs/protocol.md (valid, then mutated member
 * by member or character by character), random JSON, random text, random bytes as binary and as
 * text, text that is not UTF-8, and messages around the frame size limit.
 */
final class WsInputs {
    static final List<String> FRAME_TYPES = List.of("send", "ack", "history", "presence", "presence.subscribe",
            "presence.session", "ping");

    /** The chats and users the frames name: the fuzzer's own, and others' it must not reach. */
    record Targets(List<String> memberChats, List<String> otherChats, List<String> contacts, List<String> strangers) {
    }

    private static final String PRINTABLE = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~";

    private final Targets targets;
    private final int maxFrameBytes;

    WsInputs(Targets targets, int maxFrameBytes) {
        this.targets = targets;
        this.maxFrameBytes = maxFrameBytes;
    }

    Arbitrary<WsInput> inputs() {
        return Choose.weighted(
                Tuple.of(24, frames().map(f -> WsInput.text("valid", JsonText.write(f)))),
                Tuple.of(110, mutatedFrames().map(f -> WsInput.text("mutated", JsonText.write(f)))),
                Tuple.of(20, Combinators.combine(frames(), Choose.lists(JsonFuzz.textMutations(), 1, 3))
                        .as((f, ms) -> {
                            String text = JsonText.write(f);
                            for (JsonFuzz.TextMutation m : ms) {
                                text = m.apply(text);
                            }
                            return WsInput.text("text-mutated", text);
                        })),
                Tuple.of(16, Choose.anyOf(JsonFuzz.values(3), JsonFuzz.objects(2).map(o -> (Object) o),
                                Combinators.combine(frameTypes(), JsonFuzz.objects(2))
                                        .as((type, o) -> (Object) new JsonFuzz.AddMember("type", type).apply(o)))
                        .map(v -> WsInput.text("random-json", JsonText.write(v)))),
                Tuple.of(10, Arbitraries.strings().all().ofMaxLength(200).map(s -> WsInput.text("random-text", s))),
                Tuple.of(10, Choose.anyOf(Choose.bytes(0, 2_000),
                                frames().map(f -> JsonText.write(f).getBytes(StandardCharsets.UTF_8)))
                        .map(WsInput::binary)),
                Tuple.of(2, Choose.bytes(1, 300)
                        .map(b -> WsInput.bytesAsText("random-bytes-as-text", b))),
                Tuple.of(1, Combinators.combine(frames(), Arbitraries.integers().between(0, 400), invalidUtf8())
                        .as((f, at, bad) -> WsInput.bytesAsText("invalid-utf8", splice(JsonText.write(f), at, bad)))),
                Tuple.of(2, Combinators.combine(frames(), Arbitraries.integers().between(maxFrameBytes - 1_000, maxFrameBytes + 1_000))
                        .as((f, size) -> WsInput.text("near-frame-limit", padTo(f, size)))));
    }

    /** Valid client frames, as a well-behaved client sends them. */
    Arbitrary<Obj> frames() {
        Arbitrary<String> ids = frameIds();
        Arbitrary<String> optionalIds = Choose.weighted(Tuple.of(7, ids), Tuple.of(3, Arbitraries.just(null)));
        Arbitrary<String> chats = chats();
        Arbitrary<List<String>> users = Choose.lists(Choose.weighted(Tuple.of(3, Arbitraries.of(targets.contacts())),
                Tuple.of(1, Arbitraries.of(targets.strangers())), Tuple.of(1, JsonFuzz.uuids())), 1, 3);
        return Choose.weighted(
                Tuple.of(8, Combinators.combine(ids, chats, bodies())
                        .as((id, chat, body) -> Obj.of("type", "send", "id", id, "chatId", chat, "body", body))),
                Tuple.of(2, Combinators.combine(optionalIds, chats, Arbitraries.longs().between(0, 60))
                        .as((id, chat, position) -> Obj.of("type", "ack", "id", id, "chatId", chat, "position", position))),
                Tuple.of(3, Combinators.combine(optionalIds, chats, Arbitraries.longs().between(0, 60).injectNull(0.5),
                                Arbitraries.integers().between(1, 500).injectNull(0.5))
                        .as((id, chat, after, limit) -> Obj.of("type", "history", "id", id, "chatId", chat,
                                "after", after, "limit", limit))),
                Tuple.of(2, Combinators.combine(optionalIds, chats, Choose.weighted(
                                        Tuple.of(3, Arbitraries.longs().between(0, 60)),
                                        Tuple.of(1, Arbitraries.of(9_007_199_254_740_991L, Long.MAX_VALUE))),
                                Arbitraries.integers().between(1, 500).injectNull(0.5))
                        .as((id, chat, before, limit) -> Obj.of("type", "history", "id", id, "chatId", chat,
                                "before", before, "limit", limit))),
                Tuple.of(2, Combinators.combine(optionalIds, Arbitraries.of("presence", "presence.subscribe"), users)
                        .as((id, type, list) -> Obj.of("type", type, "id", id, "users", list))),
                Tuple.of(1, optionalIds.map(id -> Obj.of("type", "presence.session", "id", id))),
                Tuple.of(2, optionalIds.map(id -> Obj.of("type", "ping", "id", id))));
    }

    Arbitrary<Obj> mutatedFrames() {
        Arbitrary<String> keys = Arbitraries.of("type", "id", "chatId", "body", "position", "after", "before", "limit",
                "users");
        Arbitrary<Object> plausible = Choose.anyOf(frameIds(), chats(), bodies(), frameTypes(), JsonFuzz.strings())
                .map(s -> (Object) s);
        return Combinators.combine(frames(), Choose.lists(JsonFuzz.mutations(keys, plausible), 1, 4))
                .as((frame, mutations) -> {
                    Obj mutated = frame;
                    for (JsonFuzz.Mutation m : mutations) {
                        mutated = m.apply(mutated);
                    }
                    return mutated;
                });
    }

    /** Fresh frame ids: 2^64 of them, drawn evenly, so two frames share one only by a mutation's doing. */
    static Arbitrary<String> frameIds() {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform()).withoutEdgeCases()
                .map(n -> "f" + Long.toUnsignedString(n, 36));
    }

    private Arbitrary<String> chats() {
        return Choose.weighted(Tuple.of(6, Arbitraries.of(targets.memberChats())),
                Tuple.of(1, Arbitraries.of(targets.otherChats())), Tuple.of(1, JsonFuzz.uuids()));
    }

    static Arbitrary<String> frameTypes() {
        return Choose.weighted(Tuple.of(4, Arbitraries.of(FRAME_TYPES)),
                Tuple.of(1, Arbitraries.of("SEND", "Send", "send ", " ping", "", "accepted", "message", "error",
                        "pong", "history.", "presence.unsubscribe", "subscribe", "caught_up")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }

    /** Valid message bodies: not blank, well-formed Unicode without NUL, short. */
    static Arbitrary<String> bodies() {
        return Choose.weighted(
                Tuple.of(5, JsonFuzz.stringsOf(PRINTABLE, 1, 120)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMinLength(1).ofMaxLength(60)),
                Tuple.of(1, Arbitraries.of("🙂", "héllo wörld", "שלום", "こんにちは", "line\nbreak", "tab\there")))
                .filter(s -> !s.isBlank());
    }

    /** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, beyond U+10FFFF, cut short. */
    static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(new byte[]{(byte) 0x80}, new byte[]{(byte) 0xff}, new byte[]{(byte) 0xc3, 0x28},
                new byte[]{(byte) 0xc0, (byte) 0xaf}, new byte[]{(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[]{(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[]{(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xe2, (byte) 0x82});
    }

    private static byte[] splice(String text, int at, byte[] bad) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int i = at % (utf8.length + 1);
        byte[] out = new byte[utf8.length + bad.length];
        System.arraycopy(utf8, 0, out, 0, i);
        System.arraycopy(bad, 0, out, i, bad.length);
        System.arraycopy(utf8, i, out, i + bad.length, utf8.length - i);
        return out;
    }

    /** The frame with an extra member that brings its text to exactly {@code size} bytes (or just past, if it is larger). */
    private static String padTo(Obj frame, int size) {
        String base = JsonText.write(new JsonFuzz.AddMember("pad", "").apply(frame));
        int missing = size - base.getBytes(StandardCharsets.UTF_8).length;
        return missing <= 0 ? base : JsonText.write(new JsonFuzz.AddMember("pad", "p".repeat(missing)).apply(frame));
    }
}
