package dev.tandem.server.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract on the default database: an H2 file with the server's own URL settings. */
class JdbcConversationStoreTest extends ConversationStoreContract {

    @TempDir
    static Path dir;
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2File(dir);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }
}
