package dev.chat.adapter.in.websocket.planted;

import dev.chat.application.planted.PostStandInCommand;
import dev.chat.application.planted.PostingStandIn;

/** Planted violation: an inbound adapter holding the concrete use case instead of its interface. */
public final class WebSocketCallingAConcreteUseCase {
    private final PostingStandIn posting;

    public WebSocketCallingAConcreteUseCase(PostingStandIn posting) {
        this.posting = posting;
    }

    public String onFrame(String body) {
        return posting.post(new PostStandInCommand(body));
    }
}
