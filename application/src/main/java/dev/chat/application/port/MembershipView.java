package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;

import java.util.List;

/**
 * Outbound port: a chat's members as the fan-out sees them, with the position each joined at. The
 * embedded default reads the {@link ChatRepository}; the distributed profile answers from a
 * membership table kept by change data capture, without querying the metadata store per message.
 */
public interface MembershipView {
    /** The chat's members; empty when the chat is unknown. */
    List<Membership> membersOf(ChatId chat);
}
