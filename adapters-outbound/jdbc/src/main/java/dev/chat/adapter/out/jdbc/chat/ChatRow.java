package dev.chat.adapter.out.jdbc.chat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A row of {@code chats}: the chat's kind ({@code DIRECT} or {@code GROUP}) and a group's name. */
@MappedEntity(value = "chats", escape = false)
public record ChatRow(@Id UUID id, String kind, @Nullable String name) {
    static final String DIRECT = "DIRECT";
    static final String GROUP = "GROUP";
}
