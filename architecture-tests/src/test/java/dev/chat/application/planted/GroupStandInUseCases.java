package dev.chat.application.planted;

/** A holder of nested inbound ports, as {@code GroupAdministrationUseCases} is: not itself a use case. */
public final class GroupStandInUseCases {
    private GroupStandInUseCases() {
    }

    public interface RenameStandInUseCase {
        void rename(String name);
    }
}
