package dev.chat.domain.planted;

import dev.chat.application.planted.ApplicationStandIn;

/** Planted violation: the domain depending outward, on the application. */
public final class DomainReachingIntoTheApplication {
    public Class<?> useCase() {
        return ApplicationStandIn.class;
    }
}
