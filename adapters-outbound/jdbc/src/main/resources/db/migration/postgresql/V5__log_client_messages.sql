-- The Kafka message log's idempotency (adapters-outbound/kafka): one row per client message id of a
-- sender in a chat, reserved before the append, with the entry as first sent. position is the
-- position of the one record of it that counts, set once: by the appender after Kafka acknowledged
-- the record, or by the first subscription that reads a record of it, whichever comes first; a
-- reader drops every other record of the same key.
CREATE TABLE log_client_messages (
    chat_id           UUID                     NOT NULL,
    sender_id         UUID                     NOT NULL,
    client_message_id VARCHAR(64)              NOT NULL,
    entry             BYTEA                    NOT NULL,
    position          BIGINT,
    reserved_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT log_client_messages_pk PRIMARY KEY (chat_id, sender_id, client_message_id)
);
-- the retention sweep
CREATE INDEX log_client_messages_reserved ON log_client_messages (reserved_at);
