-- A bot reply's "at most one reply per user message" key no longer gives every user message an entry
-- in a leaf of its own conversation. messages_reply was UNIQUE (conversation_id, reply_to): user
-- messages (reply_to NULL) had entries (conversation, NULL), so each stored message rewrote one more
-- index leaf per conversation at every commit (H2 copies a changed page whole) — a third of the
-- scattered index writes of an append. The key is now (reply_conversation, reply_to), where
-- reply_conversation is the conversation id on a reply and NULL on every other message: their entries
-- all sort at the start of the index by row id, next to each other. A reply is still unique per
-- (conversation, reply_to) (NULLs are distinct in a unique constraint, on H2 and PostgreSQL alike).
-- Portable SQL: runs on H2 and PostgreSQL, and again on a database it has already changed.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS reply_conversation VARCHAR(36);
UPDATE messages SET reply_conversation = conversation_id WHERE reply_to IS NOT NULL AND reply_conversation IS NULL;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_reply;
CREATE UNIQUE INDEX IF NOT EXISTS messages_reply_key ON messages (reply_conversation, reply_to);
