package dev.chat.adapter.in.websocket.frames;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Any frame a client sends, decoded flat: {@code type} says which fields matter. {@code id} is
 * the client's frame id, echoed in the answer; for {@code send} it is also the idempotency key.
 * {@code history} reads forwards from {@code after} or backwards from {@code before}, never both.
 * {@code limit} is read as 64 bits, like every integer, so that one beyond 32 bits is out of range
 * rather than cut down to its low 32 bits.
 */
@Serdeable
public record ClientFrame(@Nullable String type,
                          @Nullable String id,
                          @Nullable String chatId,
                          @Nullable String body,
                          @Nullable Long position,
                          @Nullable Long after,
                          @Nullable Long before,
                          @Nullable Long limit,
                          @Nullable List<String> users) {
}
