package dev.chat.adapter.in.udp;

import java.nio.ByteBuffer;

/**
 * The heartbeat datagram, version 2: 76 bytes, big-endian (docs/presence-datagram.md).
 * <pre>
 * offset size field
 *  0      1   version      = 2
 *  1      1   type         = 1 (heartbeat)
 *  2      2   reserved     = 0
 *  4     40   ticket       = session id (16), user id (16), session expiry (8, Unix epoch ms), as issued
 * 44      8   sequence     (strictly increasing per session)
 * 52      8   sent at      (the server's clock in Unix epoch milliseconds, as the client keeps it)
 * 60     16   MAC          = first 16 bytes of HMAC-SHA256(session key, bytes 0..59)
 * </pre>
 * The ticket lets any node derive the session's key, so no node looks a session up.
 */
public final class HeartbeatDatagram {
    public static final byte VERSION = 2;
    public static final byte TYPE_HEARTBEAT = 1;
    public static final int TICKET_LENGTH = 40;
    public static final int SIGNED_LENGTH = 60;
    public static final int MAC_LENGTH = 16;
    public static final int LENGTH = SIGNED_LENGTH + MAC_LENGTH;
    static final int OFFSET_SESSION_HIGH = 4;
    static final int OFFSET_SESSION_LOW = 12;
    static final int OFFSET_USER_HIGH = 20;
    static final int OFFSET_USER_LOW = 28;
    static final int OFFSET_EXPIRES_AT = 36;
    static final int OFFSET_SEQUENCE = 44;
    static final int OFFSET_SENT_AT = 52;

    private HeartbeatDatagram() {
    }

    /** Writes a signed heartbeat into {@code out} (a client's side; used by the tools and tests). */
    public static void write(ByteBuffer out, byte[] ticket, long sequence, long sentAtMillis, HeartbeatSigner signer) {
        if (ticket.length != TICKET_LENGTH) {
            throw new IllegalArgumentException("a ticket has " + TICKET_LENGTH + " bytes");
        }
        int start = out.position();
        out.put(VERSION).put(TYPE_HEARTBEAT).putShort((short) 0).put(ticket).putLong(sequence).putLong(sentAtMillis);
        byte[] mac = signer.sign(out.array(), out.arrayOffset() + start, SIGNED_LENGTH);
        out.put(mac, 0, MAC_LENGTH);
    }
}
