package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The keys of the column families, big-endian so that RocksDB's byte order is the numeric order:
 * a chat's messages lie together, in position order.
 */
final class Keys {
    static final int UUID_BYTES = 16;

    private Keys() {
    }

    static byte[] position(long position) {
        return ByteBuffer.allocate(Long.BYTES).putLong(position).array();
    }

    static long position(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    /** chat id, then position: the key of {@code messages}. */
    static byte[] chatPosition(ChatId chat, long position) {
        return ByteBuffer.allocate(UUID_BYTES + Long.BYTES).put(uuid(chat.value())).putLong(position).array();
    }

    static long positionOfChatKey(byte[] key) {
        return ByteBuffer.wrap(key, UUID_BYTES, Long.BYTES).getLong();
    }

    /** True when {@code key} is one of {@code chat}'s. */
    static boolean ofChat(byte[] key, byte[] chatPrefix) {
        if (key.length < UUID_BYTES) {
            return false;
        }
        for (int i = 0; i < UUID_BYTES; i++) {
            if (key[i] != chatPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] chatPrefix(ChatId chat) {
        return uuid(chat.value());
    }

    /** chat id, sender id, then the client's message id: the idempotency key of {@code client_ids}. */
    static byte[] clientId(ChatId chat, UserId sender, ClientMessageId clientId) {
        byte[] id = clientId.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 * UUID_BYTES + id.length)
                .put(uuid(chat.value())).put(uuid(sender.value())).put(id).array();
    }

    static byte[] uuid(UUID value) {
        return ByteBuffer.allocate(UUID_BYTES)
                .putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits()).array();
    }
}
