package dev.chat.application.port;

import dev.chat.application.delivery.planted.DeliverySessionStandIn;
import dev.chat.domain.planted.DomainStandIn;

import java.util.List;

/**
 * Planted violation: an outbound port handing out a class of a use-case package (as
 * {@code DeviceDirectory} hands out {@code delivery.DeviceSession}).
 */
public interface PlantedPortHandingOutSessions {
    List<DeliverySessionStandIn> sessionsOf(DomainStandIn user);
}
