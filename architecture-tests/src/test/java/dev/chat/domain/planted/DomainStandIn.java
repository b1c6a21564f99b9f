package dev.chat.domain.planted;

/** A plain domain class for the planted classes to point at; it breaks nothing itself. */
public record DomainStandIn(String value) {
}
