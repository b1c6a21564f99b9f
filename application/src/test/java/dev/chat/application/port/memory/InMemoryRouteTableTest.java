package dev.chat.application.port.memory;

import dev.chat.application.port.RouteTable;
import dev.chat.application.port.contract.RouteTableContract;

import java.time.Clock;

class InMemoryRouteTableTest extends RouteTableContract {
    @Override
    protected RouteTable newTable(Clock clock) {
        return new InMemoryRouteTable(clock);
    }
}
