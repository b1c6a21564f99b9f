package dev.chat.application.planted;

/** A concrete use case: wired behind its interface, never called by an adapter directly. */
public final class PostingStandIn implements PostStandInUseCase {
    @Override
    public String post(PostStandInCommand command) {
        return command.body();
    }
}
