package dev.chat.application.delivery;

import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatChange;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.user.UserId;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells the devices of a chat's members (and of whoever just left it) that it changed, on whichever
 * nodes they are connected: the change travels the same routes as messages.
 */
public final class ChatEvents {
    private final DeliveryRouter router;

    public ChatEvents(DeliveryRouter router) {
        this.router = router;
    }

    public void publish(Chat chatAfterChange, DeviceEvent.ChatChanged event) {
        Set<UserId> audience = new LinkedHashSet<>();
        for (Membership member : chatAfterChange.members()) {
            audience.add(member.userId());
        }
        audience.add(event.subject());
        ChatChange change = event.toChange();
        DeliveryRouter.Batch batch = router.batch();
        router.byNode(audience, null).forEach((node, users) -> batch.add(node, new Delivery.OfChatChange(change, users)));
        batch.send();
    }
}
