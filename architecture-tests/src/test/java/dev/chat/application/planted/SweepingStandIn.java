package dev.chat.application.planted;

/** A concrete use case behind a {@code ...UseCases} interface. */
public final class SweepingStandIn implements SweepStandInUseCases {
    @Override
    public void sweepPresence() {
    }

    @Override
    public void sweepSessions() {
    }
}
