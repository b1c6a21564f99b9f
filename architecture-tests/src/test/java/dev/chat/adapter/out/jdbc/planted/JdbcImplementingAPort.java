package dev.chat.adapter.out.jdbc.planted;

import dev.chat.application.planted.ApplicationStandIn;
import dev.chat.domain.planted.DomainAnnotatedAsABean;
import jakarta.inject.Singleton;

/**
 * Not a violation: an adapter depending inward (application, domain) and on its framework. The
 * adapter rules must let this through, or they would forbid the hexagon itself.
 */
@Singleton
public final class JdbcImplementingAPort {
    public Object[] collaborators() {
        return new Object[] {new ApplicationStandIn(), new DomainAnnotatedAsABean()};
    }
}
