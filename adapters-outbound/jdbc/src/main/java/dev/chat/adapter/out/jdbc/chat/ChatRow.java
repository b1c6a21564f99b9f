package dev.chat.adapter.out.jdbc.chat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/**
 * A row of {@code chats}: the chat's kind ({@code DIRECT} or {@code GROUP}), a group's name and its
 * stored version (1 when first stored, one more with every save; a direct chat stays at 1).
 */
@MappedEntity(value = "chats", escape = false)
public record ChatRow(@Id UUID id, String kind, @Nullable String name, long version) {
    static final String DIRECT = "DIRECT";
    static final String GROUP = "GROUP";
    static final long FIRST_VERSION = 1;
}
