package dev.chat.application.planted;

/** A concrete use case behind a nested inbound port. */
public final class RenamingStandIn implements GroupStandInUseCases.RenameStandInUseCase {
    @Override
    public void rename(String name) {
    }
}
