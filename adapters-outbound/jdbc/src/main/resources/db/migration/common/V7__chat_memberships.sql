-- One row per chat: its members as of its version, rewritten in the same transaction as every change
-- of the chat. It is what change data capture reads (adapters-outbound/capture): one captured row is a
-- chat's whole membership, so the compacted topic it goes to, keyed by chat id, keeps every chat's
-- current members however often they changed. chat_members stays the table the server queries.
--
-- members: one entry per member, separated by ',': <user uuid>:<A|M>:<since position>
-- (A = admin, M = member; since = the log position the member joined at), ordered by user id.
CREATE TABLE chat_memberships (
    chat_id UUID    NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL,
    members VARCHAR NOT NULL,
    CONSTRAINT chat_memberships_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE
);
