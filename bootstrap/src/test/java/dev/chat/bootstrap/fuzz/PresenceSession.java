package dev.chat.bootstrap.fuzz;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A presence session as the server granted it (POST /api/presence/sessions), and heartbeats signed
 * with it, built from docs/presence-datagram.md alone: 76 bytes, version 2, type 1, the ticket,
 * sequence, sent-at, and the first 16 bytes of HMAC-SHA256 over bytes 0 to 59.
 */
record PresenceSession(String sessionId, byte[] ticket, byte[] key, long serverOffsetMillis) {
    static final int LENGTH = 76;
    static final int SIGNED = 60;

    static PresenceSession open(FuzzServer server, FuzzUser user) {
        FuzzHttp.Response answer = server.http().post("/api/presence/sessions", user.token(), Map.of());
        if (answer.status() != 201) {
            throw new IllegalStateException("opening a presence session answered " + answer.status() + " " + answer.body());
        }
        Map<String, Object> session = answer.json();
        Base64.Decoder base64url = Base64.getUrlDecoder();
        return new PresenceSession((String) session.get("sessionId"), base64url.decode((String) session.get("ticket")),
                base64url.decode((String) session.get("key")),
                ((Number) session.get("serverTime")).longValue() - System.currentTimeMillis());
    }

    long serverNow() {
        return System.currentTimeMillis() + serverOffsetMillis;
    }

    /** A heartbeat of this session, signed with {@code signingKey} (this session's, or an attacker's). */
    byte[] heartbeat(byte[] ticketBytes, long sequence, long sentAt, byte[] signingKey) {
        ByteBuffer datagram = ByteBuffer.allocate(LENGTH);
        datagram.put((byte) 2).put((byte) 1).putShort((short) 0).put(ticketBytes).putLong(sequence).putLong(sentAt);
        datagram.put(mac(signingKey, datagram.array()));
        return datagram.array();
    }

    byte[] heartbeat(long sequence, long sentAt) {
        return heartbeat(ticket, sequence, sentAt, key);
    }

    /** Whether the datagram carries this session's ticket and a MAC made with its key. */
    boolean signed(byte[] datagram) {
        return datagram.length == LENGTH && Arrays.equals(datagram, 4, 44, ticket, 0, 40)
                && Arrays.equals(datagram, SIGNED, LENGTH, mac(key, datagram), 0, 16);
    }

    long expiresAt() {
        return ByteBuffer.wrap(ticket).getLong(32);
    }

    static byte[] mac(byte[] key, byte[] datagram) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(datagram, 0, SIGNED);
            return Arrays.copyOf(mac.doFinal(), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
