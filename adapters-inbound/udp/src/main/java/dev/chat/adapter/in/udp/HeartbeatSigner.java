package dev.chat.adapter.in.udp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 of a heartbeat, truncated to 16 bytes. One instance per thread: {@link Mac} is not
 * thread-safe. Verification reuses its buffers and compares in constant time.
 */
public final class HeartbeatSigner {
    private final Mac mac;
    private final byte[] full = new byte[32];
    private final byte[] expected = new byte[HeartbeatDatagram.MAC_LENGTH];
    private final byte[] presented = new byte[HeartbeatDatagram.MAC_LENGTH];

    public HeartbeatSigner() {
        try {
            mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A signer already keyed, for a client that signs with one key. */
    public static HeartbeatSigner keyed(byte[] key) {
        HeartbeatSigner signer = new HeartbeatSigner();
        signer.init(new SecretKeySpec(key, "HmacSHA256"));
        return signer;
    }

    void init(SecretKeySpec key) {
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key of 32 bytes is always valid", e);
        }
    }

    byte[] sign(byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        try {
            mac.doFinal(full, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] out = new byte[HeartbeatDatagram.MAC_LENGTH];
        System.arraycopy(full, 0, out, 0, out.length);
        return out;
    }

    /** True when the MAC at {@code macOffset} matches the signed bytes; allocates nothing. */
    boolean verify(SecretKeySpec key, byte[] datagram, int signedOffset, int macOffset) {
        init(key);
        mac.update(datagram, signedOffset, HeartbeatDatagram.SIGNED_LENGTH);
        try {
            mac.doFinal(full, 0);
        } catch (GeneralSecurityException e) {
            return false;
        }
        System.arraycopy(full, 0, expected, 0, expected.length);
        System.arraycopy(datagram, macOffset, presented, 0, presented.length);
        return MessageDigest.isEqual(expected, presented);
    }
}
