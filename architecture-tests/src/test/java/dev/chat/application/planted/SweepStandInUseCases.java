package dev.chat.application.planted;

/** An inbound port named in the plural: one interface offering several use cases. */
public interface SweepStandInUseCases {
    void sweepPresence();

    void sweepSessions();
}
