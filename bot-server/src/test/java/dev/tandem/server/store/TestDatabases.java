package dev.tandem.server.store;

import java.nio.file.Path;

/** Databases for tests: the server's own H2 file settings in a test's directory. */
public final class TestDatabases {

    private TestDatabases() {}

    /** A migrated H2 file database {@code dir/tandem}, with the URL settings the server uses. */
    public static Database h2File(Path dir) {
        return Database.open("jdbc:h2:file:" + dir.resolve("tandem") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }
}
