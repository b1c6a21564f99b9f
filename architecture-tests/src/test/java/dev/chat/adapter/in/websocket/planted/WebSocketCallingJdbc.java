package dev.chat.adapter.in.websocket.planted;

import dev.chat.adapter.out.jdbc.planted.JdbcStandIn;

/** Planted violation: an inbound adapter reaching past the use cases into an outbound adapter. */
public final class WebSocketCallingJdbc {
    public Object store() {
        return new JdbcStandIn();
    }
}
