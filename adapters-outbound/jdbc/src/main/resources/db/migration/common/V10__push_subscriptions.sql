-- Each device's push target (adapters-outbound/jdbc push/JdbcPushSubscriptions): a Web Push
-- subscription (endpoint and the RFC 8291 keys) or a webhook URL; at most one per device.
CREATE TABLE push_subscriptions (
    user_id       UUID                     NOT NULL,
    device_id     VARCHAR(64)              NOT NULL,
    kind          VARCHAR(16)              NOT NULL,
    address       VARCHAR(2048)            NOT NULL,
    p256dh        VARCHAR(256),
    auth          VARCHAR(256),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT push_subscriptions_pk PRIMARY KEY (user_id, device_id)
);
-- removing what a push service said is gone
CREATE INDEX push_subscriptions_address ON push_subscriptions (address);
