package dev.chat.application.planted;

/** A plain application class for the planted violations to point at; it breaks nothing itself. */
public final class ApplicationStandIn {
}
