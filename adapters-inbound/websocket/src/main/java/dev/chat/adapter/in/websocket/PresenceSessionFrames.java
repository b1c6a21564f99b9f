package dev.chat.adapter.in.websocket;

import dev.chat.adapter.in.websocket.frames.ServerFrames;
import dev.chat.domain.presence.PresenceSession;

/** Writes a presence session's credentials into its frame. */
final class PresenceSessionFrames {
    private PresenceSessionFrames() {
    }

    static ServerFrames.PresenceSessionGranted of(String frameId, PresenceSession session, GatewayConfiguration config) {
        return new ServerFrames.PresenceSessionGranted("presence.session", frameId, session.idHex(),
                session.ticketBase64Url(), session.keyBase64Url(), config.heartbeatPort(),
                config.heartbeatInterval().toSeconds(), session.expiresAt().toString(), System.currentTimeMillis());
    }
}
