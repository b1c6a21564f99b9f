-- The chats stored before chat_memberships existed, each with its members as the capture reads them.
INSERT INTO chat_memberships (chat_id, version, members)
SELECT c.id, c.version,
       COALESCE(LISTAGG(CAST(m.user_id AS VARCHAR) || ':' || CASE m.role WHEN 'ADMIN' THEN 'A' ELSE 'M' END || ':'
                        || m.since_position, ',') WITHIN GROUP (ORDER BY CAST(m.user_id AS VARCHAR)), '')
FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id
GROUP BY c.id, c.version;
