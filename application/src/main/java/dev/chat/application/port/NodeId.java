package dev.chat.application.port;

import java.util.Objects;

/**
 * One running gateway process, as the route table and the gateway channel name it. A node gets a
 * new id every time it starts (its incarnation is part of the id), so routes a dead process left
 * behind are never taken for the routes of the process that replaced it.
 */
public record NodeId(String value) {
    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException("a node id has 1 to 128 characters, not blank: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
