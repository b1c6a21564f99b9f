package dev.chat.adapter.in.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;

/**
 * Hooks the gateway into the Jakarta WebSocket handshake: authenticates the upgrade, keeps the
 * outcome with this connection's endpoint configuration (a copy per upgrade), and creates one
 * {@link ChatConnection} per connection.
 */
final class GatewayConfigurator extends ServerEndpointConfig.Configurator {
    static final String OUTCOME = "chat.handshake.outcome";

    private final GatewayServices services;
    private final FrameEncoder encoder;
    private final HandshakeAuthenticator authenticator;

    GatewayConfigurator(GatewayServices services, FrameEncoder encoder) {
        this.services = services;
        this.encoder = encoder;
        this.authenticator = new HandshakeAuthenticator(services.authenticate());
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(OUTCOME,
                authenticator.authenticate(request.getHeaders(), request.getParameterMap()));
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        // never echo the bearer.<token> entry back
        return requested.contains(HandshakeAuthenticator.SUBPROTOCOL) ? HandshakeAuthenticator.SUBPROTOCOL : "";
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) new ChatConnection(services, encoder);
    }
}
