-- The chats stored before chat_memberships existed, each with its members as the capture reads them.
INSERT INTO chat_memberships (chat_id, version, members)
SELECT c.id, c.version,
       COALESCE(string_agg(m.user_id::text || ':' || CASE m.role WHEN 'ADMIN' THEN 'A' ELSE 'M' END || ':'
                           || m.since_position, ',' ORDER BY m.user_id::text), '')
FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id
GROUP BY c.id, c.version
ON CONFLICT (chat_id) DO NOTHING;
