package dev.chat.adapter.in.rest.planted;

import dev.chat.adapter.in.websocket.planted.WebSocketFrameStandIn;

/** Planted violation: one inbound technology borrowing another's wire types. */
public final class RestReusingWebSocketFrames {
    public Object frame() {
        return new WebSocketFrameStandIn();
    }
}
