package dev.chat.bootstrap.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * What the UDP fuzzer sends: random bytes, and the victim's heartbeats in every form but a valid
 * one: bits flipped, bytes set, cut or lengthened, of another version or type, signed with an
 * attacker's key or naming the victim in the attacker's ticket, with an expired ticket, dated too
 * far from the server's clock; and heartbeats of a revoked session, and replays of the control's.
 * The victim's genuine, timely heartbeat is never sent: any datagram that made it look online
 * would be a forgery that worked.
 */
final class UdpInputs {
    private final PresenceSession victim;
    private final PresenceSession attacker;
    private final PresenceSession revoked;
    private final List<byte[]> controlBeats;

    UdpInputs(PresenceSession victim, PresenceSession attacker, PresenceSession revoked, List<byte[]> controlBeats) {
        this.victim = victim;
        this.attacker = attacker;
        this.revoked = revoked;
        this.controlBeats = controlBeats;
    }

    Arbitrary<UdpInput> inputs() {
        Arbitrary<byte[]> randomBytes = Choose.bytes(0, 200);
        return Choose.weighted(
                Tuple.of(12, randomBytes.map(b -> new UdpInput("random-bytes", b))),
                Tuple.of(4, Choose.bytes(72, 72)
                        .map(b -> new UdpInput("random-76", concat(new byte[]{2, 1, 0, 0}, b)))),
                Tuple.of(36, Combinators.combine(victimBeats(), Choose.lists(byteMutations(), 1, 3))
                        .as((beat, mutations) -> new UdpInput("mutated", mutate(beat, mutations)))),
                Tuple.of(8, forged()),
                Tuple.of(8, Combinators.combine(sequences(), Arbitraries.longs().between(1, 1_000_000_000_000L))
                        .as((seq, ago) -> new UdpInput("expired-ticket", victim.heartbeat(withExpiry(victim.ticket(),
                                victim.serverNow() - ago), seq, victim.serverNow(), victim.key())))),
                Tuple.of(8, Combinators.combine(sequences(), Arbitraries.longs().between(70_000, 30L * 86_400_000),
                                Arbitraries.of(-1, 1))
                        .as((seq, skew, sign) -> new UdpInput("stale", victim.heartbeat(seq, victim.serverNow() + sign * skew)))),
                Tuple.of(6, sequences().map(seq -> new UdpInput("revoked-session", revoked.heartbeat(seq, revoked.serverNow())))),
                Tuple.of(6, Combinators.combine(victimBeats(), Arbitraries.integers().between(0, 1),
                                Arbitraries.of(0, 1, 3, 127, -1)).as((beat, at, value) -> {
                            byte[] changed = beat.clone();
                            changed[at] = (byte) (value == (at == 0 ? 2 : 1) ? 0 : value);
                            return new UdpInput("version-or-type", changed);
                        })),
                Tuple.of(6, Combinators.combine(victimBeats(), Arbitraries.integers().between(0, 140), randomBytes)
                        .as((beat, length, extra) -> new UdpInput("resized", resize(beat, length, extra)))),
                Tuple.of(6, Arbitraries.integers().between(0, 1 << 20).map(i -> controlBeats.isEmpty()
                        ? new UdpInput("random-bytes", new byte[]{(byte) i.intValue()})
                        : new UdpInput("replayed-control", controlBeats.get(i % controlBeats.size())))));
    }

    /** The victim's genuine heartbeats: never sent as they are. */
    private Arbitrary<byte[]> victimBeats() {
        return Combinators.combine(sequences(), Arbitraries.integers().between(-5_000, 5_000))
                .as((seq, jitter) -> victim.heartbeat(seq, victim.serverNow() + jitter));
    }

    private static Arbitrary<Long> sequences() {
        return Arbitraries.longs().between(1, 1_000_000);
    }

    /** Signed with the attacker's key: the victim's ticket, or the attacker's naming the victim or living longer. */
    private Arbitrary<UdpInput> forged() {
        byte[] victimUser = Arrays.copyOfRange(victim.ticket(), 16, 32);
        return Combinators.combine(sequences(), Arbitraries.integers().between(0, 2)).as((seq, how) -> {
            byte[] ticket = switch (how) {
                case 0 -> victim.ticket();
                case 1 -> {
                    byte[] named = attacker.ticket().clone();
                    System.arraycopy(victimUser, 0, named, 16, 16);
                    yield named;
                }
                default -> withExpiry(attacker.ticket(), attacker.expiresAt() + 86_400_000L * 365);
            };
            return new UdpInput("forged", victim.heartbeat(ticket, seq, victim.serverNow(), attacker.key()));
        });
    }

    /** One change to one byte: a bit flipped, or a byte set to another value. */
    private record ByteMutation(int at, int bit, int value, boolean flip) {
        void apply(byte[] d) {
            int i = at % d.length;
            d[i] = flip ? (byte) (d[i] ^ (1 << bit)) : (byte) value;
        }
    }

    private static Arbitrary<ByteMutation> byteMutations() {
        return Combinators.combine(Arbitraries.integers().between(0, PresenceSession.LENGTH - 1),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 255), Arbitraries.of(true, false))
                .as(ByteMutation::new);
    }

    private static byte[] mutate(byte[] beat, List<ByteMutation> mutations) {
        byte[] d = beat.clone();
        mutations.forEach(m -> m.apply(d));
        if (Arrays.equals(d, beat)) {
            // the changes undid each other: a genuine heartbeat must never go out
            d[PresenceSession.LENGTH - 1] ^= 1;
        }
        return d;
    }

    private static byte[] resize(byte[] beat, int length, byte[] extra) {
        if (length == PresenceSession.LENGTH) {
            length = PresenceSession.LENGTH + 1;
        }
        return length < PresenceSession.LENGTH ? Arrays.copyOf(beat, length)
                : concat(beat, Arrays.copyOf(extra, length - PresenceSession.LENGTH));
    }

    private static byte[] withExpiry(byte[] ticket, long expiresAt) {
        byte[] changed = ticket.clone();
        ByteBuffer.wrap(changed).putLong(32, expiresAt);
        return changed;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
