-- The retention sweep deletes messages by age: a B-tree on the send time (H2 has no BRIN).
CREATE INDEX messages_sent_at ON messages (sent_at);
