package dev.chat.adapter.in.udp;

import java.nio.ByteBuffer;

/**
 * The heartbeat datagram, version 1: 52 bytes, big-endian (docs/presence-datagram.md).
 * <pre>
 * offset size field
 *  0      1   version      = 1
 *  1      1   type         = 1 (heartbeat)
 *  2      2   reserved     = 0
 *  4      8   session id, high 64 bits
 * 12      8   session id, low 64 bits
 * 20      8   sequence     (strictly increasing per session)
 * 28      8   sent at      (Unix epoch milliseconds)
 * 36     16   MAC          = first 16 bytes of HMAC-SHA256(session key, bytes 0..35)
 * </pre>
 */
public final class HeartbeatDatagram {
    public static final byte VERSION = 1;
    public static final byte TYPE_HEARTBEAT = 1;
    public static final int SIGNED_LENGTH = 36;
    public static final int MAC_LENGTH = 16;
    public static final int LENGTH = SIGNED_LENGTH + MAC_LENGTH;

    static final int OFFSET_SESSION_HIGH = 4;
    static final int OFFSET_SESSION_LOW = 12;
    static final int OFFSET_SEQUENCE = 20;
    static final int OFFSET_SENT_AT = 28;

    private HeartbeatDatagram() {
    }

    /** Writes a signed heartbeat into {@code out} (a client's side; used by the tools and tests). */
    public static void write(ByteBuffer out, long sessionHigh, long sessionLow, long sequence, long sentAtMillis,
                             HeartbeatSigner signer) {
        int start = out.position();
        out.put(VERSION).put(TYPE_HEARTBEAT).putShort((short) 0)
                .putLong(sessionHigh).putLong(sessionLow).putLong(sequence).putLong(sentAtMillis);
        byte[] mac = signer.sign(out.array(), out.arrayOffset() + start, SIGNED_LENGTH);
        out.put(mac, 0, MAC_LENGTH);
    }
}
