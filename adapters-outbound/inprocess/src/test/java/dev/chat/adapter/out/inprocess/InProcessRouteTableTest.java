package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.RouteTable;
import dev.chat.application.port.contract.RouteTableContract;
import dev.chat.domain.device.Device;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process route table keeps the {@link RouteTable} contract, and leaves nothing of ended leases behind. */
class InProcessRouteTableTest extends RouteTableContract {
    private InProcessRouteTable adapter;

    @Override
    protected RouteTable newTable(Clock clock) {
        adapter = new InProcessRouteTable(clock);
        return adapter;
    }

    private static UserId someone() {
        return new UserId(UUID.randomUUID());
    }

    @Test
    void the_nodes_of_a_user_are_handed_out_without_a_new_set_per_call() {
        UserId alice = someone();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), b);

        assertThat(table.nodesOf(alice)).isSameAs(table.nodesOf(alice));
    }

    @Test
    void a_late_renewal_drops_the_routes_of_the_ended_lease_for_good() {
        for (int i = 0; i < 10; i++) {
            table.register(device(someone(), "phone"), a);
        }
        table.register(device(someone(), "phone"), b);
        clock.advance(LEASE.dividedBy(2));
        table.renew(b, LEASE);
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));

        assertThat(table.renew(a, LEASE)).isFalse();

        assertThat(adapter.keptRoutes()).as("only b's route is kept").isEqualTo(1);
    }

    @Test
    void forgetting_a_node_keeps_none_of_its_routes() {
        Device phone = device(someone(), "phone");
        table.register(phone, a);
        table.register(device(phone.user(), "laptop"), a);
        table.register(device(someone(), "phone"), b);

        table.forget(a);

        assertThat(adapter.keptRoutes()).isEqualTo(1);
    }

    @Test
    void a_user_whose_only_node_lapsed_is_dropped_when_read() {
        UserId alice = someone();
        table.register(device(alice, "phone"), a);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(table.nodesOf(alice)).isEmpty();

        assertThat(adapter.keptRoutes()).isZero();
    }

    @Test
    void routes_registered_before_the_first_renewal_are_dropped_by_it() {
        UserId alice = someone();
        var early = node("early");
        table.register(device(alice, "phone"), early);

        assertThat(table.renew(early, LEASE)).isFalse();
        table.register(device(alice, "laptop"), early);

        assertThat(table.nodesOf(alice)).containsExactly(early);
        assertThat(adapter.keptRoutes()).isEqualTo(1);
    }
}
