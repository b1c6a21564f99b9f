package dev.chat.application.planted;

import dev.chat.adapter.out.jdbc.planted.JdbcStandIn;

/** Planted violation: the application reaching an adapter instead of an outbound port. */
public final class ApplicationCallingAnAdapter {
    public Object store() {
        return new JdbcStandIn();
    }
}
