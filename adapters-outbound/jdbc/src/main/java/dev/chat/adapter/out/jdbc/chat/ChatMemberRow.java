package dev.chat.adapter.out.jdbc.chat;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.util.UUID;

/** A row of {@code chat_members}: one user's role in a chat and the log position they joined at. */
@MappedEntity(value = "chat_members", escape = false)
public record ChatMemberRow(@EmbeddedId Key id, String role, long sincePosition) {
    /** The primary key of {@code chat_members}. */
    @Embeddable
    public record Key(@MappedProperty("chat_id") UUID chatId, @MappedProperty("user_id") UUID userId) {
    }
}
