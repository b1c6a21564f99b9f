package dev.chat.application.port.memory;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.contract.GatewayChannelContract;

class InMemoryGatewayChannelTest extends GatewayChannelContract {
    @Override
    protected GatewayChannel newChannel() {
        return new InMemoryGatewayChannel();
    }
}
