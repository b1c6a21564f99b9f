package dev.chat.application.planted;

/** A use case's command record: inbound adapters may build it. */
public record PostStandInCommand(String body) {
}
