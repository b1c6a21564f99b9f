package dev.chat.adapter.in.rest.presence;

import dev.chat.adapter.in.rest.ApiViews.PresenceView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.identity.Caller;
import dev.chat.adapter.in.rest.ApiViews.PresenceSessionView;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.application.presence.QueryPresenceUseCase;
import dev.chat.domain.presence.PresenceSession;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import dev.chat.domain.user.UserId;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Presence of the users the caller shares a chat with. */
@Controller("/api/presence")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "presence")
public class PresenceController {
    private final QueryPresenceUseCase presence;
    private final PresenceSessionsUseCase sessions;
    private final int heartbeatPort;
    private final long heartbeatIntervalSeconds;

    public PresenceController(QueryPresenceUseCase presence, PresenceSessionsUseCase sessions,
                              @Value("${chat.presence.udp.port:8082}") int heartbeatPort,
                              @Value("${chat.heartbeat-interval:10s}") Duration heartbeatInterval) {
        this.presence = presence;
        this.sessions = sessions;
        this.heartbeatPort = heartbeatPort;
        this.heartbeatIntervalSeconds = heartbeatInterval.toSeconds();
    }

    @Operation(summary = "Open a presence session: credentials to sign UDP heartbeats (docs/presence-datagram.md)")
    @Post("/sessions")
    @Status(HttpStatus.CREATED)
    public PresenceSessionView openSession(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller) {
        PresenceSession session = sessions.open(caller);
        return new PresenceSessionView(session.idHex(), session.ticketBase64Url(),
                session.keyBase64Url(), heartbeatPort, heartbeatIntervalSeconds, session.expiresAt().toString(),
                System.currentTimeMillis());
    }

    @Operation(summary = "Revoke one of your presence sessions: its heartbeats are refused on every node "
            + "(400 invalid_input for an id that is not 32 hex digits)")
    @Delete("/sessions/{sessionId}")
    @Status(HttpStatus.NO_CONTENT)
    public void revokeSession(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                              String sessionId) {
        sessions.revoke(caller, sessionId);
    }

    @Operation(summary = "Online state and last seen of contacts (comma-separated user ids; 403 not_a_contact for strangers)")
    @Get
    public List<PresenceView> query(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                    @QueryValue String users) {
        Set<UserId> ids = new LinkedHashSet<>();
        for (String id : users.split(",")) {
            if (!id.isBlank()) {
                ids.add(UserId.parse(id.trim()));
            }
        }
        return presence.query(caller, ids).stream()
                .map(p -> new PresenceView(p.user().toString(), p.online(),
                        p.lastSeen().map(Object::toString).orElse(null)))
                .toList();
    }
}
