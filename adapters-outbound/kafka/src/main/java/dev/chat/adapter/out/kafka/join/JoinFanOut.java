package dev.chat.adapter.out.kafka.join;

import dev.chat.application.port.MembershipView;
import dev.chat.application.port.MessageLog;

/**
 * The application's fan-out, made for a membership view: the join gives it a view on its task's
 * table. Wired in bootstrap (the core's {@code FanOut} with the route table, gateway channel and
 * notifier).
 */
@FunctionalInterface
public interface JoinFanOut {
    MessageLog.Consumer on(MembershipView memberships);
}
