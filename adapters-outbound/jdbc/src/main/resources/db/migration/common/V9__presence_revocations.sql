-- Presence sessions revoked before their expiry (adapters-outbound/jdbc presence/JdbcPresenceSessionRevocations).
-- Sessions themselves are not stored: their key is derived from the ticket. A revocation is kept
-- until the session would have expired anyway; every node reads the whole (short) list every few seconds.
CREATE TABLE presence_revocations (
    session_high BIGINT                   NOT NULL,
    session_low  BIGINT                   NOT NULL,
    user_id      UUID                     NOT NULL,
    kept_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT presence_revocations_pk PRIMARY KEY (session_high, session_low, user_id)
);
