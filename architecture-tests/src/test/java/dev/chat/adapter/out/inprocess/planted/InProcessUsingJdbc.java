package dev.chat.adapter.out.inprocess.planted;

import dev.chat.adapter.out.jdbc.planted.JdbcStandIn;

/** Planted violation: one outbound technology depending on another. */
public final class InProcessUsingJdbc {
    public Object delegate() {
        return new JdbcStandIn();
    }
}
