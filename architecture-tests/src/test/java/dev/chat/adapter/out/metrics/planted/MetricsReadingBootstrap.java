package dev.chat.adapter.out.metrics.planted;

import dev.chat.bootstrap.planted.BootstrapStandIn;

/** Planted violation: an adapter depending on the bootstrap that assembles it. */
public final class MetricsReadingBootstrap {
    public Object configuration() {
        return new BootstrapStandIn();
    }
}
