-- Links a bot reply to the user message it answers, so that a turn cut short by a crash is found
-- and answered at the next start, and never answered twice (NULLs are distinct in the constraint,
-- on H2 and PostgreSQL alike).
ALTER TABLE messages ADD COLUMN reply_to BIGINT;
ALTER TABLE messages ADD CONSTRAINT messages_reply UNIQUE (conversation_id, reply_to);
CREATE INDEX conversations_status ON conversations (status);
