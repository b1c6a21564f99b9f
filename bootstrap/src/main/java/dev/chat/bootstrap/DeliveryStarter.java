package dev.chat.bootstrap;

import dev.chat.adapter.out.kafka.join.MembershipJoin;
import dev.chat.application.delivery.FanOut;
import dev.chat.application.delivery.LogSubscriptions;
import dev.chat.application.delivery.NodeLease;
import dev.chat.application.delivery.StoreMessages;
import dev.chat.application.port.MessageLog;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.concurrent.ScheduledFuture;

/**
 * Starts delivery at start-up: on a worker ({@code chat.worker.enabled}, on by default) the message
 * log's two subscriptions (storing, then fan-out after it; with {@code chat.delivery.backend=join},
 * the delivery subscription hands stored messages to the membership join, whose fan-out reads
 * memberships from its own table),
 * so that what was logged but not yet stored or fanned out before a stop is handled first, and the
 * renewal of this node's lease (the node joined when its {@link NodeLease} was made, and leaves when
 * it is destroyed). Also routes the core's java.util.logging records to the application's logger.
 */
@Context
public class DeliveryStarter {
    private final MessageLog log;
    private final StoreMessages store;
    private final FanOut fanOut;
    private final MembershipJoin join;
    private final NodeLease lease;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> renewal;

    private final boolean worker;
    private final boolean gateway;

    public DeliveryStarter(MessageLog log, StoreMessages store, FanOut fanOut, @Nullable MembershipJoin join,
                           NodeLease lease,
                           @Named("scheduled") TaskScheduler scheduler,
                           @Value("${chat.worker.enabled:true}") boolean worker,
                           @Value("${chat.gateway.enabled:true}") boolean gateway) {
        this.log = log;
        this.store = store;
        this.fanOut = fanOut;
        this.join = join;
        this.lease = lease;
        this.scheduler = scheduler;
        this.worker = worker;
        this.gateway = gateway;
    }

    @PostConstruct
    void start() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (gateway) {
            renewal = scheduler.scheduleWithFixedDelay(lease.renewalInterval(), lease.renewalInterval(), lease::renew);
        }
        // the worker role: storing and fan-out (a consumer group each; the nodes that run it share the partitions)
        if (worker) {
            log.subscribe(LogSubscriptions.STORE, store);
            if (join != null) {
                join.start(LogSubscriptions.DELIVERY);
            } else {
                log.subscribe(LogSubscriptions.DELIVERY, fanOut);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (renewal != null) {
            renewal.cancel(false);
        }
    }
}
