package dev.chat.bootstrap.fuzz;

import dev.chat.bootstrap.fuzz.JsonText.Member;
import dev.chat.bootstrap.fuzz.JsonText.Obj;
import dev.chat.bootstrap.fuzz.JsonText.Raw;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Generators of hostile JSON shared by the WebSocket and REST fuzzers: strings and numbers that
 * sit on or beyond every limit, any JSON value, and mutations that turn a valid object into a
 * nearly valid one (a member deleted, repeated, renamed, of the wrong type, deeply nested...) or
 * its text into broken JSON.
 */
final class JsonFuzz {
    /** The characters of client-chosen ids (protocol.md, "Ids"). */
    static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:";

    static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    private JsonFuzz() {
    }

    /**
     * Strings of characters from {@code alphabet}: drawn as bytes, because jqwik draws strings from
     * several character ranges a hundred times slower, and that alone would take most of the suite's time.
     */
    static Arbitrary<String> stringsOf(String alphabet, int minLength, int maxLength) {
        return Choose.bytes(minLength, maxLength).map(bytes -> {
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = alphabet.charAt((bytes[i] & 0xff) % alphabet.length());
            }
            return new String(chars);
        });
    }

    /** Strings a field may meet: id-like, any characters (lone surrogates, NUL), blank, tricky, UUIDs, long. */
    static Arbitrary<String> strings() {
        return Choose.weighted(
                Tuple.of(4, stringsOf(ID_CHARS, 1, 70)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of("", " ", "\t\n ", "\u0000", "a\u0000b", "\ud800", "\udc00x", "x\ud83d",
                        "🙂", "e\u0301", "\u202e", "null", "true", "0", "-1", "NaN", "../..", "%00", "<script>",
                        "' OR 1=1 --", "\ufeff", "\u00a0", "\u2028", "\u001f", "\ufffd", "\uffff")),
                Tuple.of(1, uuids()),
                Tuple.of(1, longStrings()));
    }

    /** 60 to about 20,000 UTF-8 bytes of one repeated unit, one to four bytes each: past every text limit. */
    static Arbitrary<String> longStrings() {
        return Combinators.combine(Arbitraries.integers().between(60, 20_000), Arbitraries.of("x", "é", "語", "🙂", " "))
                .as((bytes, unit) -> unit.repeat(Math.max(1, bytes / unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)));
    }

    static Arbitrary<String> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((a, b) -> new UUID(a, b).toString());
    }

    /** Numbers of every width and some that JSON does not allow at all. */
    static Arbitrary<Object> numbers() {
        return Choose.anyOf(
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.integers().between(-5, 600).map(n -> (Object) n),
                Arbitraries.of("9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "-9223372036854775809", "2147483647", "2147483648", "4294967346", "-2147483649", "1e400",
                        "-1e400", "1.5", "1.0", "1e2", "-0", "0.0", "1E-7", "123456789012345678901234567890123456789",
                        "1" + "0".repeat(400), "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "0x1F", "1_000", "--1")
                        .map(text -> (Object) new Raw(text)));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    static Arbitrary<Object> values(int depth) {
        Arbitrary<Object> leaves = Choose.weighted(
                Tuple.of(4, strings().map(s -> (Object) s)),
                Tuple.of(3, numbers()),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.just(JsonText.NULL)));
        if (depth <= 0) {
            return leaves;
        }
        return Choose.weighted(
                Tuple.of(6, leaves),
                Tuple.of(1, Choose.lists(values(depth - 1), 0, 4).map(list -> (Object) list)),
                Tuple.of(1, objects(depth - 1).map(o -> (Object) o)));
    }

    /** Objects with keys from anywhere, including the protocol's own. */
    static Arbitrary<Obj> objects(int depth) {
        Arbitrary<String> keys = Choose.anyOf(stringsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 0, 8),
                Arbitraries.of("type", "id", "chatId", "body", "position", "after", "limit", "users", "name",
                        "members", "userId", "clientMessageId", "device", "username", "password"));
        return Choose.lists(Combinators.combine(keys, values(depth)).as(Member::new), 0, 5).map(Obj::new);
    }

    /** A change that keeps an object an object but may make it wrong. */
    interface Mutation {
        Obj apply(Obj target);
    }

    record DeleteMember(int at) implements Mutation {
        public Obj apply(Obj o) {
            if (o.members().isEmpty()) {
                return o;
            }
            List<Member> members = new ArrayList<>(o.members());
            members.remove(at % members.size());
            return new Obj(members);
        }
    }

    /** Repeats a member, with its own value or another: readers keep one of the two. */
    record DuplicateMember(int at, Object value) implements Mutation {
        public Obj apply(Obj o) {
            if (o.members().isEmpty()) {
                return o;
            }
            List<Member> members = new ArrayList<>(o.members());
            Member copied = members.get(at % members.size());
            members.add(new Member(copied.key(), value == null ? copied.value() : value));
            return new Obj(members);
        }
    }

    record ReplaceValue(int at, Object value) implements Mutation {
        public Obj apply(Obj o) {
            if (o.members().isEmpty()) {
                return o;
            }
            List<Member> members = new ArrayList<>(o.members());
            int i = at % members.size();
            members.set(i, new Member(members.get(i).key(), value));
            return new Obj(members);
        }
    }

    record AddMember(String key, Object value) implements Mutation {
        public Obj apply(Obj o) {
            List<Member> members = new ArrayList<>(o.members());
            members.add(new Member(key, value));
            return new Obj(members);
        }
    }

    record RenameKey(int at, String key) implements Mutation {
        public Obj apply(Obj o) {
            if (o.members().isEmpty()) {
                return o;
            }
            List<Member> members = new ArrayList<>(o.members());
            int i = at % members.size();
            members.set(i, new Member(key, members.get(i).value()));
            return new Obj(members);
        }
    }

    /** Wraps a member's value in {@code depth} arrays or objects; deep enough, a recursive reader runs out of stack. */
    record Nest(int at, int depth, boolean inObjects) implements Mutation {
        public Obj apply(Obj o) {
            if (o.members().isEmpty()) {
                return o;
            }
            List<Member> members = new ArrayList<>(o.members());
            int i = at % members.size();
            String inner = JsonText.write(members.get(i).value());
            String nested = inObjects ? "{\"a\":".repeat(depth) + inner + "}".repeat(depth)
                    : "[".repeat(depth) + inner + "]".repeat(depth);
            members.set(i, new Member(members.get(i).key(), new Raw(nested)));
            return new Obj(members);
        }
    }

    /** Member order carries no meaning; a reader that thinks it does shows up here. */
    record Rotate(int by) implements Mutation {
        public Obj apply(Obj o) {
            List<Member> members = new ArrayList<>(o.members());
            if (!members.isEmpty()) {
                java.util.Collections.rotate(members, by % members.size());
            }
            return new Obj(members);
        }
    }

    /** Mutations of objects whose members are named by {@code keys} and plausibly valued by {@code plausible}. */
    static Arbitrary<Mutation> mutations(Arbitrary<String> keys, Arbitrary<Object> plausible) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 15);
        Arbitrary<Object> wrong = values(2);
        return Choose.weighted(
                Tuple.of(3, at.map(DeleteMember::new)),
                Tuple.of(1, at.map(i -> new DuplicateMember(i, null))),
                Tuple.of(1, Combinators.combine(at, Choose.anyOf(plausible, wrong)).as(DuplicateMember::new)),
                Tuple.of(5, Combinators.combine(at, wrong).as(ReplaceValue::new)),
                Tuple.of(3, Combinators.combine(at, plausible).as(ReplaceValue::new)),
                Tuple.of(2, Combinators.combine(at, numbers()).as(ReplaceValue::new)),
                Tuple.of(2, Combinators.combine(Choose.anyOf(keys, Arbitraries.strings().ofMaxLength(10)), wrong)
                        .as(AddMember::new)),
                Tuple.of(1, Combinators.combine(at, Choose.anyOf(keys, keys.map(String::toUpperCase),
                        keys.map(k -> k + " "), Arbitraries.strings().ofMaxLength(6))).as(RenameKey::new)),
                Tuple.of(1, Combinators.combine(at, Choose.weighted(Tuple.of(3, Arbitraries.integers().between(1, 64)),
                        Tuple.of(1, Arbitraries.integers().between(500, 4_000))), Arbitraries.of(true, false)).as(Nest::new)),
                Tuple.of(1, at.map(Rotate::new)));
    }

    /** A change to a frame's text: most leave it broken JSON. */
    interface TextMutation {
        String apply(String text);
    }

    record ReplaceChar(int at, char c) implements TextMutation {
        public String apply(String t) {
            if (t.isEmpty()) {
                return String.valueOf(c);
            }
            int i = at % t.length();
            return t.substring(0, i) + c + t.substring(i + 1);
        }
    }

    record DeleteRange(int at, int length) implements TextMutation {
        public String apply(String t) {
            if (t.isEmpty()) {
                return t;
            }
            int i = at % t.length();
            return t.substring(0, i) + t.substring(Math.min(t.length(), i + length));
        }
    }

    record Insert(int at, String inserted) implements TextMutation {
        public String apply(String t) {
            int i = t.isEmpty() ? 0 : at % (t.length() + 1);
            return t.substring(0, i) + inserted + t.substring(i);
        }
    }

    record DuplicateRange(int at, int length) implements TextMutation {
        public String apply(String t) {
            if (t.isEmpty()) {
                return t;
            }
            int i = at % t.length();
            int end = Math.min(t.length(), i + length);
            return t.substring(0, end) + t.substring(i, end) + t.substring(end);
        }
    }

    static Arbitrary<TextMutation> textMutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 4_000);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 40);
        Arbitrary<Character> chars = Choose.anyOf(Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '\\', ' ', '0', 'e', '-', 'n'),
                Arbitraries.chars());
        return Choose.weighted(
                Tuple.of(3, Combinators.combine(at, chars).as(ReplaceChar::new)),
                Tuple.of(2, Combinators.combine(at, length).as(DeleteRange::new)),
                Tuple.of(2, Combinators.combine(at, Choose.anyOf(strings(), Arbitraries.of("\\", "\\u", "\\ud800",
                        "\\uZZZZ", "\"", "/*x*/", "//", "\u0000", ",", ",,", "}{", "]", "\"\":"))).as(Insert::new)),
                Tuple.of(1, Combinators.combine(at, length).as(DuplicateRange::new)));
    }
}
