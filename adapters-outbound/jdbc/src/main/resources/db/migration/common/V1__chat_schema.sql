-- The chat schema, portable between H2 and PostgreSQL. Every table has a primary key
-- (change data capture needs one for deletes to replicate).

CREATE TABLE users (
    id           UUID         NOT NULL PRIMARY KEY,
    username     VARCHAR(32)  NOT NULL,
    display_name VARCHAR(64)  NOT NULL,
    issuer       VARCHAR(512) NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    CONSTRAINT users_username_unique UNIQUE (username),
    CONSTRAINT users_identity_unique UNIQUE (issuer, subject)
);

-- password hashes of the embedded token issuer's users (never the passwords)
CREATE TABLE credentials (
    user_id       UUID         NOT NULL PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    CONSTRAINT credentials_username_unique UNIQUE (username)
);

CREATE TABLE chats (
    id   UUID         NOT NULL PRIMARY KEY,
    kind VARCHAR(6)   NOT NULL,
    name VARCHAR(100),
    CONSTRAINT chats_kind CHECK (kind IN ('DIRECT', 'GROUP'))
);

-- since_position: the log position at which the member joined; they see the messages after it
CREATE TABLE chat_members (
    chat_id        UUID       NOT NULL,
    user_id        UUID       NOT NULL,
    role           VARCHAR(6) NOT NULL,
    since_position BIGINT     NOT NULL,
    CONSTRAINT chat_members_pk PRIMARY KEY (chat_id, user_id),
    CONSTRAINT chat_members_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
    CONSTRAINT chat_members_role CHECK (role IN ('MEMBER', 'ADMIN'))
);
-- "given a user, list their chats"
CREATE INDEX chat_members_user ON chat_members (user_id);

-- chat contents of the embedded default (the distributed profile keeps them in Cassandra)
CREATE TABLE messages (
    chat_id           UUID                     NOT NULL,
    position          BIGINT                   NOT NULL,
    id                UUID                     NOT NULL,
    sender_id         UUID                     NOT NULL,
    sender_device     VARCHAR(64)              NOT NULL,
    client_message_id VARCHAR(64)              NOT NULL,
    body              VARCHAR                  NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT messages_pk PRIMARY KEY (chat_id, position)
);

-- each device's acknowledged position per chat
CREATE TABLE device_offsets (
    user_id    UUID                     NOT NULL,
    device_id  VARCHAR(64)              NOT NULL,
    chat_id    UUID                     NOT NULL,
    position   BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_offsets_pk PRIMARY KEY (user_id, device_id, chat_id)
);

-- the embedded default's durable message log (the distributed profile uses a Kafka topic)
CREATE TABLE message_log (
    position          BIGINT                   NOT NULL PRIMARY KEY,
    chat_id           UUID                     NOT NULL,
    id                UUID                     NOT NULL,
    sender_id         UUID                     NOT NULL,
    sender_device     VARCHAR(64)              NOT NULL,
    client_message_id VARCHAR(64)              NOT NULL,
    body              VARCHAR                  NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- idempotency: one entry per client message id of a sender in a chat
    CONSTRAINT message_log_client_message UNIQUE (chat_id, sender_id, client_message_id)
);

-- how far the log's consumer got
CREATE TABLE log_consumer (
    name     VARCHAR(64) NOT NULL PRIMARY KEY,
    position BIGINT      NOT NULL
);
