package dev.chat.adapter.in.websocket;

import dev.chat.adapter.in.websocket.frames.ClientFrame;
import dev.chat.adapter.in.websocket.frames.ServerFrames;
import dev.chat.application.messaging.HistoryPage;
import dev.chat.application.messaging.ReadHistoryUseCase;
import dev.chat.application.messaging.SendMessageCommand;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Require;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns each kind of client frame into its use case call and answers it. */
final class ClientRequests {
    private final GatewayServices services;
    private final ChatConnection connection;

    ClientRequests(GatewayServices services, ChatConnection connection) {
        this.services = services;
        this.connection = connection;
    }

    void handle(ClientFrame frame) {
        if (frame.type() == null) {
            throw ProtocolException.missing("type", "any");
        }
        switch (frame.type()) {
            case "send" -> send(frame);
            case "ack" -> acknowledge(frame);
            case "history" -> history(frame);
            case "presence" -> presence(frame);
            case "presence.subscribe" -> subscribe(frame);
            case "presence.session" -> presenceSession(frame);
            case "ping" -> connection.reply(new ServerFrames.Pong(frame.id()));
            case "heartbeat" -> heartbeat();
            default -> throw new ProtocolException("unknown_type", "unknown frame type '" + abbreviate(frame.type()) + "'");
        }
    }

    private void send(ClientFrame frame) {
        String id = required(frame.id(), "id", frame);
        ChatId chat = ChatId.parse(required(frame.chatId(), "chatId", frame));
        String body = required(frame.body(), "body", frame);
        if (!connection.allowSend()) {
            throw RejectedException.of(Rejection.RATE_LIMITED, "too many messages; slow down");
        }
        SendMessageCommand command = new SendMessageCommand(connection.deviceSession().device(), chat,
                new ClientMessageId(id), body);
        services.send().send(command).whenComplete((message, failure) -> {
            if (failure != null) {
                connection.fail(id, failure);
            } else {
                connection.replySoon(new ServerFrames.Accepted(id, message.chatId().toString(), message.id().toString(),
                        message.position().value(), message.sentAt().toString()));
            }
        });
    }

    /**
     * A web device's presence heartbeat (browsers cannot send the UDP datagram): the same sign of life,
     * from a connection whose token was checked at the handshake, so it needs no ticket or signature and
     * is dated on the server's clock. Unanswered, as a datagram is.
     */
    private void heartbeat() {
        services.heartbeats().heartbeat(connection.caller().user(), services.clock().millis());
    }

    private void acknowledge(ClientFrame frame) {
        ChatId chat = ChatId.parse(required(frame.chatId(), "chatId", frame));
        Position position = new Position(required(frame.position(), "position", frame));
        services.acknowledge().acknowledge(connection.deviceSession().device(), chat, position);
        if (frame.id() != null) {
            connection.reply(new ServerFrames.Done(frame.id()));
        }
    }

    private void history(ClientFrame frame) {
        ChatId chat = ChatId.parse(required(frame.chatId(), "chatId", frame));
        Require.that(frame.after() == null || frame.before() == null, "give after or before, not both");
        // saturated, not cut: a limit beyond 32 bits stays outside 1..500 and the use case refuses it
        int limit = frame.limit() == null ? ReadHistoryUseCase.DEFAULT_LIMIT
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, frame.limit()));
        HistoryPage page = frame.before() != null
                ? services.history().before(connection.caller(), chat, new Position(frame.before()), limit)
                : services.history().after(connection.caller(), chat,
                        new Position(frame.after() == null ? 0 : frame.after()), limit);
        connection.reply(new ServerFrames.History(frame.id(), chat.toString(),
                services.frames().toFrames(page.messages()), page.next().map(Position::value).orElse(null),
                page.previous().map(Position::value).orElse(null)));
    }

    private void presence(ClientFrame frame) {
        replyPresence(frame, services.presence().query(connection.caller(), userIds(frame)));
    }

    private void subscribe(ClientFrame frame) {
        replyPresence(frame, services.subscribePresence().subscribe(connection.caller(), connection.deviceSession(),
                userIds(frame)));
    }

    private void presenceSession(ClientFrame frame) {
        PresenceSession session = services.presenceSessions().open(connection.caller());
        connection.reply(PresenceSessionFrames.of(frame.id(), session, services.config()));
    }

    private static Set<UserId> userIds(ClientFrame frame) {
        Set<UserId> ids = new LinkedHashSet<>();
        for (String user : required(frame.users(), "users", frame)) {
            ids.add(UserId.parse(user));
        }
        return ids;
    }

    private void replyPresence(ClientFrame frame, List<Presence> presences) {
        for (Presence p : presences) {
            connection.reply(new ServerFrames.Presence(frame.id(), p.user().toString(), p.online(),
                    p.lastSeen().map(Object::toString).orElse(null)));
        }
    }

    private static <T> T required(T value, String field, ClientFrame frame) {
        if (value == null) {
            throw ProtocolException.missing(field, frame.type());
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }
}
