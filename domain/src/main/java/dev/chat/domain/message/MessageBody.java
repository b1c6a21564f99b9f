package dev.chat.domain.message;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;

/** The text of a message: not blank, valid Unicode without NUL, at most the policy's limit in UTF-8 bytes. */
public record MessageBody(String text) {
    public MessageBody {
        Require.present(text, "body");
        if (text.isBlank()) {
            throw RejectedException.of(Rejection.BODY_EMPTY, "a message needs some text");
        }
        Require.that(Require.wellFormedUtf16(text), "the body is not valid Unicode text");
        // NUL has no place in text and PostgreSQL's text type refuses it: keep every store able to hold a body
        Require.that(text.indexOf('\u0000') < 0, "the body must not contain NUL characters");
    }

    public static MessageBody of(String text, MessagePolicy policy) {
        MessageBody body = new MessageBody(text);
        int bytes = body.utf8Length();
        if (bytes > policy.maxBodyBytes()) {
            throw RejectedException.of(Rejection.BODY_TOO_LARGE,
                    "the body is " + bytes + " bytes in UTF-8; the limit is " + policy.maxBodyBytes());
        }
        return body;
    }

    /** UTF-8 length without encoding: the hot path checks every message. */
    public int utf8Length() {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        // never print a message's text: logs must not hold it
        return "MessageBody[" + text.length() + " chars]";
    }
}
