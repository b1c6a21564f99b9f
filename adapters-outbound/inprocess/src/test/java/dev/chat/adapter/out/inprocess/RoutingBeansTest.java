package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.RouteTable;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process route table and channel are the default, and step aside when another backend is chosen. */
class RoutingBeansTest {
    @Test
    void are_the_default_backends() {
        try (ApplicationContext context = ApplicationContext.builder().singletons(Clock.systemUTC()).start()) {
            assertThat(context.getBean(RouteTable.class)).isInstanceOf(InProcessRouteTable.class);
            assertThat(context.getBean(GatewayChannel.class)).isInstanceOf(InProcessGatewayChannel.class);
        }
    }

    @Test
    void step_aside_for_another_backend() {
        try (ApplicationContext context = ApplicationContext.builder().singletons(Clock.systemUTC())
                .properties(Map.of("chat.routes.backend", "elsewhere", "chat.channel.backend", "elsewhere")).start()) {
            assertThat(context.findBean(RouteTable.class)).isEmpty();
            assertThat(context.findBean(GatewayChannel.class)).isEmpty();
        }
    }
}
