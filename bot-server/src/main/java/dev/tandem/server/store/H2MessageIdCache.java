package dev.tandem.server.store;

import java.sql.Connection;

/**
 * Migration 14, H2 only: the messages' identity hands out ids from a cache of 1,048,576 instead of
 * 1,024 (V11). On H2 each refill of the cache commits the system session, and that commit writes
 * every page changed since the last one — the uncommitted rows of the group commit under way
 * included. A journal apply of 4,096 messages therefore wrote its changed pages five times (four
 * refills, then its own commit) instead of once, and the refills were half of the writer's page
 * serialisation. Ids stay unique and increasing; a killed process may skip up to the cache size of
 * them (they are internal: clients see seqs). PostgreSQL caches sequence values per session, where
 * a large cache only wastes ids: it keeps V11's.
 */
final class H2MessageIdCache extends H2Migration {

    static final long CACHE = 1L << 20;

    H2MessageIdCache() {
        super(14, "h2 message id cache");
    }

    @Override
    void migrateH2(Connection c) throws Exception {
        try (var statement = c.createStatement()) {
            statement.execute("ALTER TABLE messages ALTER COLUMN id SET CACHE " + CACHE);
        }
    }
}
