package dev.chat.application.delivery;

import dev.chat.domain.user.UserId;

/** Told when a device of a user connects to this node or leaves it; presence listens, so a connection counts as a sign of life. */
public interface ConnectionListener {
    ConnectionListener NONE = new ConnectionListener() {
        @Override
        public void connected(UserId user) {
        }

        @Override
        public void disconnected(UserId user) {
        }
    };

    void connected(UserId user);

    void disconnected(UserId user);
}
