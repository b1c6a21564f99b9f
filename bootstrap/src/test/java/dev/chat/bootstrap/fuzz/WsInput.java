package dev.chat.bootstrap.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket message the fuzzer sends: a text or binary payload, and how it was made.
 * {@code text} is the payload as text, or null when it is binary or not valid UTF-8.
 */
record WsInput(String category, boolean binary, byte[] payload, String text) {
    static WsInput text(String category, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        // a lone surrogate in a Java string is encoded as '?': decode again to see what is sent
        return new WsInput(category, false, utf8, new String(utf8, StandardCharsets.UTF_8));
    }

    static WsInput bytesAsText(String category, byte[] payload) {
        return new WsInput(category, false, payload, decodeOrNull(payload));
    }

    static WsInput binary(byte[] payload) {
        return new WsInput("binary", true, payload, null);
    }

    private static String decodeOrNull(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether the documented answer is a close: a text message over the frame limit (1009), or one
     * that is not UTF-8, which RFC 6455 (section 8.1) makes the server fail the connection for (1007).
     */
    boolean closesTheConnection(int maxFrameBytes) {
        return !binary && (payload.length > maxFrameBytes || text() == null);
    }

    @Override
    public String toString() {
        return show();
    }

    String show() {
        String text = text();
        String shown = text != null ? Json.abbreviate(text)
                : (binary ? "binary " : "non-UTF-8 text ") + payload.length + " bytes";
        return category + ": " + shown;
    }
}
