package dev.chat.bootstrap.fuzz;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** A browser's Web Push subscription keys: an uncompressed P-256 public key and 16 bytes of auth secret, base64url. */
record PushKeys(String p256dh, String auth) {
    static PushKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            copy(key.getW().getAffineX(), point, 1);
            copy(key.getW().getAffineY(), point, 33);
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            return new PushKeys(base64url.encodeToString(point), base64url.encodeToString(new byte[]{
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(BigInteger coordinate, byte[] into, int at) {
        byte[] bytes = coordinate.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, at + 32 - length, length);
    }
}
