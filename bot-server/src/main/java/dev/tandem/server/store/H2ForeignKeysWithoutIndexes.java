package dev.tandem.server.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 13, H2 only: drops the foreign keys from messages and events to conversations. H2
 * gives each foreign key an index of its own on {@code conversation_id} (it does not reuse the
 * unique indexes that start with it), so every stored message and event paid one more index entry
 * in a leaf of its own conversation at each commit — a third of the index writes of an append. The
 * store only writes rows for a conversation it has read (its seq comes from the conversation row)
 * and never deletes conversations. PostgreSQL creates no index for a foreign key: its keys stay.
 */
final class H2ForeignKeysWithoutIndexes extends H2Migration {

    H2ForeignKeysWithoutIndexes() {
        super(13, "h2 foreign keys without indexes");
    }

    @Override
    void migrateH2(Connection c) throws Exception {
        List<String[]> keys = new ArrayList<>();
        try (var select = c.prepareStatement("""
                SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
                WHERE tc.CONSTRAINT_TYPE = 'FOREIGN KEY' AND tc.TABLE_SCHEMA = CURRENT_SCHEMA
                  AND tc.TABLE_NAME IN ('MESSAGES', 'EVENTS')""");
             var rs = select.executeQuery()) {
            while (rs.next()) keys.add(new String[]{rs.getString(1), rs.getString(2)});
        }
        try (var statement = c.createStatement()) {
            for (String[] key : keys) {
                statement.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT \"" + key[1].replace("\"", "\"\"") + "\"");
            }
        }
    }
}
