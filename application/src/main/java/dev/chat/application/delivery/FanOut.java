package dev.chat.application.delivery;

import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.MembershipView;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.NodeId;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log's {@link LogSubscriptions#DELIVERY} consumer: plans where each stored message goes. The
 * recipients are the chat's members who joined before the message (from the membership view, read
 * once per chat per batch); the route table, asked once per batch, says which nodes hold their
 * devices; each node gets one
 * batch with its part. A recipient with no device anywhere gets a push notification instead; the
 * sender never does.
 */
public final class FanOut implements MessageLog.Consumer {
    private final MembershipView memberships;
    private final DeliveryRouter router;
    private final PushNotifier notifier;

    public FanOut(MembershipView memberships, DeliveryRouter router, PushNotifier notifier) {
        this.memberships = memberships;
        this.router = router;
        this.notifier = notifier;
    }

    @Override
    public void accept(List<Message> batch) {
        DeliveryRouter.Batch deliveries = router.batch();
        Map<ChatId, List<Membership>> members = new HashMap<>();
        List<List<UserId>> recipientsOf = new ArrayList<>(batch.size());
        Set<UserId> everyone = new HashSet<>();
        for (Message message : batch) {
            List<UserId> recipients = new ArrayList<>();
            for (Membership member : members.computeIfAbsent(message.chatId(), memberships::membersOf)) {
                if (message.position().isAfter(member.since())) {
                    recipients.add(member.userId());
                }
            }
            recipientsOf.add(recipients);
            everyone.addAll(recipients);
        }
        // one look-up of the routes for the whole batch: a shared route table answers it in one query
        Map<UserId, Set<NodeId>> routes = router.routesOf(everyone);
        List<UserId> unrouted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            unrouted.clear();
            router.byNode(recipientsOf.get(i), routes, unrouted)
                    .forEach((node, users) -> deliveries.add(node, new Delivery.OfMessage(message, users)));
            for (UserId user : unrouted) {
                if (!user.equals(message.sender())) {
                    notifier.notifyWaiting(membershipOf(members.get(message.chatId()), user), message);
                }
            }
        }
        deliveries.send();
        // the caller (a log subscription, the join) saves its progress once this returns: by then the
        // deliveries must be with the channel, or a crash would lose them with the progress saved
        router.flush();
    }

    private static Membership membershipOf(List<Membership> members, UserId user) {
        for (Membership member : members) {
            if (member.userId().equals(user)) {
                return member;
            }
        }
        throw new IllegalStateException(user + " was a recipient without being a member");
    }
}
