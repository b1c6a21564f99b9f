package dev.chat.adapter.in.websocket;

/** A frame that breaks the protocol (unknown type, missing field); answered with an error frame. */
final class ProtocolException extends RuntimeException {
    private final String code;

    ProtocolException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }

    static ProtocolException missing(String field, String type) {
        return new ProtocolException("missing_field", "a '" + type + "' frame needs '" + field + "'");
    }
}
