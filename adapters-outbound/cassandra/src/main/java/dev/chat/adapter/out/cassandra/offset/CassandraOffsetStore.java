package dev.chat.adapter.out.cassandra.offset;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.chat.adapter.out.cassandra.CassandraFailure;
import dev.chat.adapter.out.cassandra.CassandraSettings;
import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link OffsetStore} on {@code device_offsets}. An offset never moves back because every write
 * carries the position as its write timestamp: Cassandra keeps the cell with the highest timestamp,
 * so concurrent or reordered acknowledgements settle on the highest position, in one plain write
 * with no read and no lightweight transaction (a max-merge). Each write renews the 30-day TTL.
 */
@Singleton
@Primary
@Requires(property = "chat.cassandra.enabled", value = "true")
public final class CassandraOffsetStore implements OffsetStore {
    private final CqlSession session;
    private final int ttlSeconds;
    private final PreparedStatement advance;
    private final PreparedStatement offsetsOf;
    private final PreparedStatement offsetOf;

    public CassandraOffsetStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.ttlSeconds = settings.ttlSeconds();
        try {
            advance = session.prepare("INSERT INTO device_offsets (user_id, device_id, chat_id, position)"
                    + " VALUES (?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
            offsetsOf = session.prepare("SELECT chat_id, position FROM device_offsets"
                    + " WHERE user_id = ? AND device_id = ?");
            offsetOf = session.prepare("SELECT position FROM device_offsets"
                    + " WHERE user_id = ? AND device_id = ? AND chat_id = ?");
        } catch (RuntimeException e) {
            throw new CassandraFailure("preparing the offset statements", e);
        }
    }

    @Override
    public void advance(Device device, ChatId chat, Position position) {
        try {
            // the write timestamp is the position itself: the highest position wins, whatever the order
            session.execute(advance.bind(device.user().value(), device.id().value(), chat.value(),
                    position.value(), ttlSeconds, position.value()));
        } catch (RuntimeException e) {
            throw new CassandraFailure("advancing an offset", e);
        }
    }

    @Override
    public Map<ChatId, Position> offsetsOf(Device device) {
        try {
            Map<ChatId, Position> offsets = new HashMap<>();
            for (Row row : session.execute(offsetsOf.bind(device.user().value(), device.id().value()))) {
                offsets.put(new ChatId(row.getUuid(0)), new Position(row.getLong(1)));
            }
            return offsets;
        } catch (RuntimeException e) {
            throw new CassandraFailure("reading offsets", e);
        }
    }

    @Override
    public Position offsetOf(Device device, ChatId chat) {
        try {
            Row row = session.execute(offsetOf.bind(device.user().value(), device.id().value(), chat.value())).one();
            return row == null ? Position.START : new Position(row.getLong(0));
        } catch (RuntimeException e) {
            throw new CassandraFailure("reading an offset", e);
        }
    }
}
