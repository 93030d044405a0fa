-- The LLM's view of a conversation: its chat memory, one row per conversation, written whole on
-- every change (LangChain4j's ChatMemoryStore contract). Separate from the transcript on purpose:
-- internal notes and system events never reach it. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE chat_memory (
    conversation_id VARCHAR(64)  PRIMARY KEY,
    messages        VARCHAR      NOT NULL,       -- JSON from LangChain4j's ChatMessageSerializer
    updated_at      TIMESTAMP    NOT NULL
);
