-- The messages' identity hands out ids from a cache of 1,024 instead of 32: on H2 each refill of the
-- cache is a commit of its own (a chunk written to the file), which every 32nd message used to pay.
-- Ids stay unique and increasing; a restart may skip some. Portable SQL: runs on H2 and PostgreSQL.
ALTER TABLE messages ALTER COLUMN id SET CACHE 1024;
