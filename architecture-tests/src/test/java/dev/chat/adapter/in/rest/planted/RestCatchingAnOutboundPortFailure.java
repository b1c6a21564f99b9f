package dev.chat.adapter.in.rest.planted;

import dev.chat.application.planted.PostStandInCommand;
import dev.chat.application.planted.PostStandInUseCase;
import dev.chat.application.port.PlantedTokenVerifier;

/**
 * Planted violation: an inbound adapter calling its use case through the interface (fine), but
 * catching an outbound port's exception (as the REST and WebSocket adapters once caught the token
 * verifier port's own exception type, before it moved to the domain).
 */
public final class RestCatchingAnOutboundPortFailure {
    private final PostStandInUseCase posting;

    public RestCatchingAnOutboundPortFailure(PostStandInUseCase posting) {
        this.posting = posting;
    }

    public String post(String body) {
        try {
            return posting.post(new PostStandInCommand(body));
        } catch (PlantedTokenVerifier.InvalidToken refused) {
            return "401";
        }
    }
}
