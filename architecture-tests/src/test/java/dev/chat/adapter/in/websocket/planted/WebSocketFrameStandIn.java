package dev.chat.adapter.in.websocket.planted;

/** A plain WebSocket-adapter class for the planted violations to point at; it breaks nothing itself. */
public final class WebSocketFrameStandIn {
}
