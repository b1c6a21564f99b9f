package dev.chat.adapter.in.websocket;

import dev.chat.adapter.in.websocket.frames.ServerFrames;
import dev.chat.domain.presence.PresenceSession;

import java.util.Base64;

/** Writes a presence session's credentials into its frame. */
final class PresenceSessionFrames {
    private PresenceSessionFrames() {
    }

    static ServerFrames.PresenceSessionGranted of(String frameId, PresenceSession session, GatewayConfiguration config) {
        String id = String.format("%016x%016x", session.idHigh(), session.idLow());
        return new ServerFrames.PresenceSessionGranted("presence.session", frameId, id,
                Base64.getUrlEncoder().withoutPadding().encodeToString(session.key()), config.heartbeatPort(),
                config.heartbeatInterval().toSeconds(), session.expiresAt().toString());
    }
}
