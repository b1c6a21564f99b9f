package dev.chat.bootstrap;

import dev.chat.application.chats.AddMember;
import dev.chat.application.chats.CreateGroup;
import dev.chat.application.chats.FindUser;
import dev.chat.application.chats.GroupChanges;
import dev.chat.application.chats.KnownUsers;
import dev.chat.application.chats.LeaveGroup;
import dev.chat.application.chats.ListChats;
import dev.chat.application.chats.OpenDirectChat;
import dev.chat.application.chats.PromoteAdmin;
import dev.chat.application.chats.RemoveMember;
import dev.chat.application.chats.RenameGroup;
import dev.chat.application.delivery.ChatEvents;
import dev.chat.application.delivery.ConnectDevice;
import dev.chat.application.delivery.ConnectedDevices;
import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.adapter.out.kafka.join.JoinFanOut;
import dev.chat.application.delivery.FanOut;
import dev.chat.application.delivery.LocalDelivery;
import dev.chat.application.delivery.MembersFromChatRepository;
import dev.chat.application.delivery.NodeLease;
import dev.chat.application.delivery.PresenceSubscriptions;
import dev.chat.application.delivery.StoreMessages;
import dev.chat.application.identity.Authenticate;
import dev.chat.application.identity.LogIn;
import dev.chat.application.identity.PublishSigningKeys;
import dev.chat.application.identity.SignUp;
import dev.chat.application.messaging.Acknowledge;
import dev.chat.application.messaging.ReadHistory;
import dev.chat.application.messaging.SendMessage;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.MembershipView;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.PushSender;
import dev.chat.application.port.PushServerKeys;
import dev.chat.application.port.PasswordHasher;
import dev.chat.application.port.PresenceSessionKeys;
import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.application.port.PresenceClaims;
import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.PushSubscriptions;
import dev.chat.application.port.ChatMutes;
import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.TokenIssuer;
import dev.chat.application.port.UserRepository;
import dev.chat.application.presence.DecideHere;
import dev.chat.application.push.ManagePushSubscriptions;
import dev.chat.application.limits.RateLimit;
import dev.chat.application.limits.SendLimits;
import dev.chat.application.push.MuteChats;
import dev.chat.application.delivery.PushNotifier;
import dev.chat.application.push.PublishWebPushKey;
import dev.chat.application.push.PushNotifications;
import dev.chat.application.presence.PresenceDecider;
import dev.chat.application.presence.PresenceTracker;
import dev.chat.application.presence.PresenceSessions;
import dev.chat.application.presence.QueryPresence;
import dev.chat.application.presence.SubscribePresence;
import dev.chat.application.presence.UpdatePrivacy;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.message.MessagePolicy;
import dev.chat.domain.presence.PresencePolicy;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the plain-Java core: every use case is built here from the ports the adapters provide,
 * so that no framework annotation reaches the application or the domain.
 */
@Factory
public class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    MessagePolicy messagePolicy(ChatSettings settings) {
        return new MessagePolicy(settings.maxBodyBytes());
    }

    @Singleton
    GroupPolicy groupPolicy(ChatSettings settings) {
        return new GroupPolicy(settings.maxGroupMembers());
    }

    @Singleton
    PresencePolicy presencePolicy(ChatSettings settings) {
        return new PresencePolicy(settings.heartbeatInterval(), settings.missedHeartbeats());
    }

    @Singleton
    @Named("catch-up")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService catchUpExecutor(ChatSettings settings) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(settings.catchUpThreads(), settings.catchUpThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "catch-up-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    // identity

    @Singleton
    Authenticate authenticate(AccessTokenVerifier verifier, UserRepository users, IdGenerator ids) {
        return new Authenticate(verifier, users, ids);
    }

    @Singleton
    @Requires(beans = TokenIssuer.class)
    SignUp signUp(UserRepository users, CredentialStore credentials, PasswordHasher hasher, TokenIssuer issuer,
                  IdGenerator ids) {
        return new SignUp(users, credentials, hasher, issuer, ids);
    }

    @Singleton
    @Requires(beans = TokenIssuer.class)
    LogIn logIn(UserRepository users, CredentialStore credentials, PasswordHasher hasher, TokenIssuer issuer) {
        return new LogIn(users, credentials, hasher, issuer);
    }

    @Singleton
    @Requires(beans = TokenIssuer.class)
    PublishSigningKeys publishSigningKeys(TokenIssuer issuer) {
        return new PublishSigningKeys(issuer);
    }

    // chats and groups

    @Singleton
    KnownUsers knownUsers(UserRepository users) {
        return new KnownUsers(users);
    }

    @Singleton
    ChatEvents chatEvents(DeliveryRouter router) {
        return new ChatEvents(router);
    }

    @Singleton
    GroupChanges groupChanges(ChatRepository chats, ChatEvents events) {
        return new GroupChanges(chats, events);
    }

    @Singleton
    OpenDirectChat openDirectChat(ChatRepository chats, KnownUsers users) {
        return new OpenDirectChat(chats, users);
    }

    @Singleton
    CreateGroup createGroup(ChatRepository chats, KnownUsers users, MessageLog log, IdGenerator ids,
                            GroupPolicy policy, GroupChanges changes) {
        return new CreateGroup(chats, users, log, ids, policy, changes);
    }

    @Singleton
    RenameGroup renameGroup(GroupChanges changes) {
        return new RenameGroup(changes);
    }

    @Singleton
    AddMember addMember(GroupChanges changes, KnownUsers users, MessageLog log, GroupPolicy policy) {
        return new AddMember(changes, users, log, policy);
    }

    @Singleton
    RemoveMember removeMember(GroupChanges changes) {
        return new RemoveMember(changes);
    }

    @Singleton
    PromoteAdmin promoteAdmin(GroupChanges changes) {
        return new PromoteAdmin(changes);
    }

    @Singleton
    LeaveGroup leaveGroup(GroupChanges changes) {
        return new LeaveGroup(changes);
    }

    @Singleton
    ListChats listChats(ChatRepository chats, MessageStore messages, OffsetStore offsets) {
        return new ListChats(chats, messages, offsets);
    }

    @Singleton
    FindUser findUser(UserRepository users) {
        return new FindUser(users);
    }

    // messaging

    @Singleton
    SendMessage sendMessage(ChatRepository chats, MessageLog log, IdGenerator ids, MessagePolicy policy,
                            ChatMetrics metrics, Clock clock,
                            @Value("${chat.limits.send-per-user:50/s burst 200}") String perUser,
                            @Value("${chat.limits.send-per-chat:20/s burst 50}") String perChat) {
        return new SendMessage(chats, log, ids, policy, metrics, clock,
                new SendLimits(RateLimit.parse("send-per-user", perUser), RateLimit.parse("send-per-chat", perChat)));
    }

    @Singleton
    ReadHistory readHistory(ChatRepository chats, MessageStore messages) {
        return new ReadHistory(chats, messages);
    }

    @Singleton
    Acknowledge acknowledge(ChatRepository chats, OffsetStore offsets, MessageLog log) {
        return new Acknowledge(chats, offsets, log);
    }

    // delivery and presence

    /** How often a node tells the presence deciders that it lives (a cluster's claims count while it does). */
    static final Duration PRESENCE_BEAT_INTERVAL = Duration.ofSeconds(1);

    /** This process on the route table: configured, or host name plus a fresh suffix, so a restart is a new node. */
    @Singleton
    NodeId nodeId(ChatSettings settings) {
        if (!settings.nodeId().isBlank()) {
            return new NodeId(settings.nodeId());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return new NodeId(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Singleton
    ConnectedDevices connectedDevices() {
        return new ConnectedDevices();
    }

    @Singleton
    PresenceSubscriptions presenceSubscriptions() {
        return new PresenceSubscriptions();
    }

    @Singleton
    DeliveryRouter deliveryRouter(RouteTable routes, GatewayChannel channel) {
        return new DeliveryRouter(routes, channel);
    }

    /** The embedded default's membership view; the distributed profile's stream join replaces it. */
    @Singleton
    @Secondary
    MembershipView membersFromChatRepository(ChatRepository chats) {
        return new MembersFromChatRepository(chats);
    }

    @Singleton
    StoreMessages storeMessages(MessageStore store) {
        return new StoreMessages(store);
    }

    @Singleton
    FanOut fanOut(MembershipView memberships, DeliveryRouter router, PushNotifier notifier) {
        return new FanOut(memberships, router, notifier);
    }

    /** The join's fan-out (chat.delivery.backend=join): the same FanOut, on the join's membership table. */
    @Singleton
    @Requires(property = "chat.delivery.backend", value = "join")
    JoinFanOut joinFanOut(DeliveryRouter router, PushNotifier notifier) {
        return memberships -> new FanOut(memberships, router, notifier);
    }

    @Singleton
    LocalDelivery localDelivery(ConnectedDevices devices, PresenceSubscriptions subscriptions, ChatMetrics metrics,
                                Clock clock) {
        return new LocalDelivery(devices, subscriptions, metrics, clock);
    }

    /**
     * This node, joined if it holds connections (it runs the gateway): its inbox is open and its
     * lease taken before anything can connect a device. A worker or API-only process sends
     * deliveries but has no inbox and no routes.
     */
    @Singleton
    @Bean(preDestroy = "leave")
    NodeLease nodeLease(NodeId self, ChatSettings settings, RouteTable routes, GatewayChannel channel,
                        ConnectedDevices devices, LocalDelivery inbox,
                        @Value("${chat.gateway.enabled:true}") boolean gateway) {
        NodeLease lease = new NodeLease(self, settings.routeLease(), routes, channel, devices, inbox);
        if (gateway) {
            lease.join();
        }
        return lease;
    }

    /** One decider for a share of the users: every user on the embedded default, a partition's in a cluster. */
    @Prototype
    PresenceDecider presenceDecider(ChatRepository chats, PresencePolicy policy, Clock clock, ChatSettings settings,
                                    PrivacySettings privacy, DeliveryRouter router, PresenceStates states,
                                    @Value("${chat.presence.claims.backend:inprocess}") String claims) {
        // nodes in the decider's own process cannot die without it; across processes, a node's claims last its route lease
        Duration nodeLease = "inprocess".equals(claims) ? PresenceDecider.NODES_NEVER_LAPSE : settings.routeLease();
        return new PresenceDecider(chats, policy, clock, settings.presenceMinChangeInterval(), privacy, router, states,
                nodeLease, PRESENCE_BEAT_INTERVAL);
    }

    /** The embedded default's claims: decided in this process, at once (chat.presence.claims.backend=inprocess). */
    @Singleton
    @Requires(property = "chat.presence.claims.backend", value = "inprocess", defaultValue = "inprocess")
    @Bean(preDestroy = "close")
    DecideHere decideHere(PresenceDecider decider) {
        return DecideHere.onItsOwnThread(decider);
    }

    @Singleton
    PresenceTracker presenceTracker(NodeId self, PresenceStore store, PresenceClaims claims, PresenceStates states,
                                    ChatRepository chats, PresencePolicy policy, Clock clock, PrivacySettings privacy) {
        return new PresenceTracker(self, store, claims, states, chats, policy, clock, privacy);
    }

    @Singleton
    ManagePushSubscriptions managePushSubscriptions(PushSubscriptions subscriptions, Clock clock) {
        return new ManagePushSubscriptions(subscriptions, clock);
    }

    @Singleton
    MuteChats muteChats(ChatRepository chats, ChatMutes mutes) {
        return new MuteChats(chats, mutes);
    }

    @Singleton
    PublishWebPushKey publishWebPushKey(PushServerKeys keys) {
        return new PublishWebPushKey(keys);
    }

    /**
     * The notification service. Its work (reading mutes, targets and offsets, starting sends) runs on
     * two threads of its own, off the fan-out's; the sends themselves are asynchronous.
     */
    @Singleton
    @Bean(preDestroy = "close")
    PushWork pushWork() {
        return PushWork.onTwoThreads();
    }

    @Singleton
    PushNotifications pushNotifications(PushSubscriptions subscriptions, ChatMutes mutes, OffsetStore offsets,
                                        MessageStore messages, PushSender sender, ChatMetrics metrics, Clock clock,
                                        PushWork work,
                                        @Value("${chat.push.interval:30s}") Duration interval,
                                        @Value("${chat.push.include-text:false}") boolean includeText,
                                        @Value("${chat.push.max-attempts:5}") int maxAttempts,
                                        @Value("${chat.push.first-retry:1s}") Duration firstRetry,
                                        @Value("${chat.push.max-retry:60s}") Duration maxRetry,
                                        @Value("${chat.push.max-pending:10000}") int maxPending,
                                        @Value("${chat.push.max-per-host:50}") int maxPerHost,
                                        @Value("${chat.push.max-per-second:200}") int perSecond) {
        return new PushNotifications(subscriptions, mutes, offsets, messages, sender, metrics, clock, work,
                new PushNotifications.Settings(interval, includeText, maxAttempts, firstRetry, maxRetry, maxPending,
                        maxPerHost, perSecond));
    }

    @Singleton
    UpdatePrivacy updatePrivacy(PrivacySettings privacy) {
        return new UpdatePrivacy(privacy);
    }

    @Singleton
    QueryPresence queryPresence(PresenceTracker tracker) {
        return new QueryPresence(tracker);
    }

    @Singleton
    SubscribePresence subscribePresence(PresenceSubscriptions subscriptions, QueryPresence query) {
        return new SubscribePresence(subscriptions, query);
    }

    @Singleton
    PresenceSessions presenceSessions(PresenceSessionKeys keys, PresenceSessionRevocations revocations, Clock clock) {
        return new PresenceSessions(keys, revocations, clock);
    }

    @Singleton
    ConnectDevice connectDevice(NodeLease node, ChatRepository chats, MessageStore messages, OffsetStore offsets,
                                ConnectedDevices devices, RouteTable routes, DeliveryRouter router,
                                PresenceSubscriptions subscriptions, PresenceTracker presence,
                                @Named("catch-up") ExecutorService catchUp) {
        return new ConnectDevice(node.self(), chats, messages, offsets, devices, routes, router, subscriptions,
                presence, catchUp);
    }
}
