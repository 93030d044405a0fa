-- A message's (conversation, seq) is unique through its event: every message row is written with
-- its event row (same conversation, same seq) in one transaction, and events has that primary key.
-- The second unique index on messages cost an index entry, in a leaf of its own conversation,
-- per stored message. Transcripts read a conversation's messages through its other indexes
-- (messages_cid, messages_reply: both start with conversation_id). Portable: H2 and PostgreSQL.
ALTER TABLE messages DROP CONSTRAINT messages_seq;
