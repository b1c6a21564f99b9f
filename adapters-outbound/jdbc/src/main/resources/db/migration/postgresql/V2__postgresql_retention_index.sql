-- The retention sweep deletes messages by age. Rows arrive in time order, so a BRIN index finds
-- the old ones at a fraction of a B-tree's size and write cost.
CREATE INDEX messages_sent_at ON messages USING BRIN (sent_at);

-- message_log is a queue: rows are inserted, consumed and swept. Vacuum it early and often so
-- that dead rows do not pile up between autovacuum runs.
ALTER TABLE message_log SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
