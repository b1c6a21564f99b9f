-- Optimistic concurrency for groups: every save of a group names the version it was based on and
-- succeeds only while that is still the stored one (UPDATE ... WHERE version = ?), raising it by one.
-- Rows stored before this migration start at 1, the version of a freshly created chat; a direct chat
-- never changes, so its version stays 1.
ALTER TABLE chats ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE chats ADD CONSTRAINT chats_version CHECK (version >= 1);
