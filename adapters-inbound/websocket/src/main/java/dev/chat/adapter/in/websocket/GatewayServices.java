package dev.chat.adapter.in.websocket;

import dev.chat.adapter.in.websocket.frames.MessageFrameMapper;
import dev.chat.application.delivery.ConnectDeviceUseCase;
import dev.chat.application.identity.AuthenticateUseCase;
import dev.chat.application.messaging.AcknowledgeUseCase;
import dev.chat.application.messaging.ReadHistoryUseCase;
import dev.chat.application.messaging.SendMessageUseCase;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.application.presence.QueryPresenceUseCase;
import dev.chat.application.presence.SubscribePresenceUseCase;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Clock;

/** What every connection of the gateway shares: the use cases it calls and the wire codecs. */
@Singleton
public record GatewayServices(AuthenticateUseCase authenticate,
                              ConnectDeviceUseCase connect,
                              SendMessageUseCase send,
                              AcknowledgeUseCase acknowledge,
                              ReadHistoryUseCase history,
                              QueryPresenceUseCase presence,
                              SubscribePresenceUseCase subscribePresence,
                              PresenceSessionsUseCase presenceSessions,
                              HeartbeatUseCase heartbeats,
                              Clock clock,
                              JsonMapper json,
                              MessageFrameMapper frames,
                              GatewayConfiguration config,
                              GatewayMetrics metrics,
                              DeferredFlusher flusher,
                              ConnectionSlots slots) {
}
