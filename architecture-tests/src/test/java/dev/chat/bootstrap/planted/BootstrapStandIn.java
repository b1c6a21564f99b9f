package dev.chat.bootstrap.planted;

import dev.chat.adapter.out.jdbc.planted.JdbcStandIn;

/** A bootstrap class: it may see every module (here an adapter), and nothing may see it. */
public final class BootstrapStandIn {
    public Object wire() {
        return new JdbcStandIn();
    }
}
