package dev.chat.adapter.in.websocket;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.application.identity.AuthenticateUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.domain.RejectedException;
import dev.chat.domain.device.DeviceId;

import java.util.List;
import java.util.Map;

/**
 * Authenticates a WebSocket upgrade. The Jakarta handshake bypasses Micronaut's HTTP filters, so
 * the gateway checks the token itself. Browsers cannot set headers on a WebSocket, so besides
 * {@code Authorization: Bearer <token>} the token may come as a subprotocol {@code bearer.<token>}
 * next to {@code chat.v1}: a header, unlike a query parameter, is not written to access logs.
 */
final class HandshakeAuthenticator {
    static final String SUBPROTOCOL = "chat.v1";
    static final String TOKEN_SUBPROTOCOL_PREFIX = "bearer.";

    /** The outcome kept with the connection until it opens. */
    sealed interface Outcome {
        record Authenticated(Caller caller, DeviceId device) implements Outcome {
        }

        record Refused(String code) implements Outcome {
        }
    }

    private final AuthenticateUseCase authenticate;

    HandshakeAuthenticator(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    Outcome authenticate(Map<String, List<String>> headers, Map<String, List<String>> query) {
        DeviceId device;
        try {
            device = new DeviceId(first(query, "device"));
        } catch (RejectedException e) {
            return new Outcome.Refused("device_invalid");
        }
        String token = bearerToken(headers);
        try {
            return new Outcome.Authenticated(authenticate.authenticate(token), device);
        } catch (InvalidTokenException e) {
            return new Outcome.Refused(e.failure().code());
        } catch (RejectedException e) {
            return new Outcome.Refused(e.rejection().code());
        }
    }

    /** The Authorization header wins over a subprotocol token when a client sends both. */
    static String bearerToken(Map<String, List<String>> headers) {
        String fromSubprotocol = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if ("authorization".equalsIgnoreCase(name)) {
                for (String value : header.getValue()) {
                    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                        return value.substring(7).trim();
                    }
                }
            } else if ("sec-websocket-protocol".equalsIgnoreCase(name) && fromSubprotocol == null) {
                for (String value : header.getValue()) {
                    for (String protocol : value.split(",")) {
                        String p = protocol.trim();
                        if (p.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) {
                            fromSubprotocol = p.substring(TOKEN_SUBPROTOCOL_PREFIX.length());
                        }
                    }
                }
            }
        }
        return fromSubprotocol;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
