package dev.chat.adapter.out.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** The deployment's shared secrets as configuration holds them: base64url text, of a minimum length. */
final class Secrets {
    private Secrets() {
    }

    /** {@code bytes} random bytes, base64url: a new secret's text. */
    static String random(int bytes) {
        byte[] fresh = new byte[bytes];
        new SecureRandom().nextBytes(fresh);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fresh);
    }

    /** A secret's base64url (or base64) text as bytes, refused when shorter than {@code minBytes}. */
    static byte[] decode(String text, String where, int minBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64url", e);
        }
        if (bytes.length < minBytes) {
            throw new IllegalStateException(where + " holds " + bytes.length + " bytes; at least " + minBytes + " are needed");
        }
        return bytes;
    }
}
