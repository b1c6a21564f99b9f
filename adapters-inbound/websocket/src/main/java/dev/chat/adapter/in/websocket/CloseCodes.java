package dev.chat.adapter.in.websocket;

/** The WebSocket close codes the gateway uses (RFC 6455 section 7.4). */
final class CloseCodes {
    /** Authentication failed; the reason is the token failure code, e.g. {@code token_expired}. */
    static final int POLICY_VIOLATION = 1008;
    /** A frame was larger than {@code chat.gateway.max-frame-bytes}. */
    static final int MESSAGE_TOO_BIG = 1009;
    /** The server is shutting down. */
    static final int GOING_AWAY = 1001;
    /** The device read too slowly, or caught up badly: reconnect and resume from the offsets. */
    static final int TRY_AGAIN_LATER = 1013;
    /** A newer connection of the same device replaced this one. */
    static final int REPLACED = 4001;

    private CloseCodes() {
    }
}
