-- The chats each user muted (adapters-outbound/jdbc push/JdbcChatMutes): no push notification for them.
CREATE TABLE chat_mutes (
    user_id UUID NOT NULL,
    chat_id UUID NOT NULL,
    CONSTRAINT chat_mutes_pk PRIMARY KEY (user_id, chat_id)
);
