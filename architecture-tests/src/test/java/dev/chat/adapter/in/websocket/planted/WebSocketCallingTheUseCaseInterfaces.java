package dev.chat.adapter.in.websocket.planted;

import dev.chat.application.delivery.planted.DeliverySessionStandIn;
import dev.chat.application.planted.ApplicationStandIn;
import dev.chat.application.planted.GroupStandInUseCases;
import dev.chat.application.planted.PostStandInCommand;
import dev.chat.application.planted.PostStandInUseCase;
import dev.chat.application.planted.SweepStandInUseCases;
import dev.chat.domain.planted.DomainStandIn;

/**
 * Not a violation: an inbound adapter on the use-case interfaces (a nested one and a plural one
 * among them), their command, a delivery callback type, other application classes and the domain.
 */
public final class WebSocketCallingTheUseCaseInterfaces {
    private final PostStandInUseCase posting;
    private final GroupStandInUseCases.RenameStandInUseCase renaming;
    private final SweepStandInUseCases sweeping;

    public WebSocketCallingTheUseCaseInterfaces(PostStandInUseCase posting,
            GroupStandInUseCases.RenameStandInUseCase renaming, SweepStandInUseCases sweeping) {
        this.posting = posting;
        this.renaming = renaming;
        this.sweeping = sweeping;
    }

    public void onFrame(DeliverySessionStandIn session, DomainStandIn chat) {
        session.push(posting.post(new PostStandInCommand(chat.value())));
        renaming.rename(new ApplicationStandIn().toString());
        sweeping.sweepSessions();
    }
}
