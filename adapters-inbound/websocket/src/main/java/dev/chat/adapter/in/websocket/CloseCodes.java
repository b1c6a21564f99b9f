package dev.chat.adapter.in.websocket;

/**
 * The WebSocket close codes the gateway sends itself (RFC 6455 section 7.4). Jetty sends 1009 for an
 * oversized frame and 1001 at shutdown or idle timeout; docs/protocol.md lists them all.
 */
final class CloseCodes {
    /** Authentication failed; the reason is the token failure code, e.g. {@code token_expired}. */
    static final int POLICY_VIOLATION = 1008;
    /** The device read too slowly, or caught up badly: reconnect and resume from the offsets. */
    static final int TRY_AGAIN_LATER = 1013;
    /** The gateway is stopping: reconnect after the wait in the reason ("reconnect after N ms"). */
    static final int SERVICE_RESTART = 1012;
    /** A newer connection of the same device replaced this one. */
    static final int REPLACED = 4001;

    private CloseCodes() {
    }
}
