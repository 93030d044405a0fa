package dev.tandem.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void schemaVersionIsTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path migrations = Path.of(Database.class.getResource("/db/migration").toURI());
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (Stream<Path> files = Files.list(migrations)) {
            newest = files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
        }
        for (H2Migration java : Database.javaMigrations()) newest = Math.max(newest, Integer.parseInt(java.getVersion().getVersion()));
        assertEquals(newest, Database.SCHEMA_VERSION, "raise Database.SCHEMA_VERSION with every new migration");
    }

    @Test
    void aNewDatabaseIsMigratedAndThenOpensWithoutFlyway() throws SQLException {
        String url = url("fresh");
        try (Database db = Database.open(url, "sa", "")) {
            assertTrue(Database.isCurrent(db.dataSource()));
            // a checksum Flyway's validation would refuse: only a start that skips Flyway opens this
            execute(db, "update \"flyway_schema_history\" set \"checksum\" = 1 where \"version\" = '1'");
        }
        try (Database db = Database.open(url, "sa", "")) {
            assertTrue(db.isUp());
        }
    }

    @Test
    void aFailedOrMissingMigrationGoesThroughFlyway() throws SQLException {
        String url = url("behind");
        try (Database db = Database.open(url, "sa", "")) {
            String newest = Integer.toString(Database.SCHEMA_VERSION); // 15 (was 14 before migration 15)
            execute(db, "update \"flyway_schema_history\" set \"success\" = false where \"version\" = '" + newest + "'");
            assertFalse(Database.isCurrent(db.dataSource()), "a failed migration");
            execute(db, "delete from \"flyway_schema_history\" where \"version\" = '" + newest + "'");
            assertFalse(Database.isCurrent(db.dataSource()), "an older schema");
        }
        try (Database db = Database.open(url, "sa", "")) { // Flyway applies the newest again (it is idempotent)
            assertTrue(Database.isCurrent(db.dataSource()));
        }
    }

    @Test
    void onH2TheMessageIdsComeFromALargeCache() throws SQLException {
        try (Database db = Database.open(url("cache"), "sa", "");
             Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery(
                     "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'MESSAGES' AND COLUMN_NAME = 'ID'")) {
            assertTrue(rs.next());
            assertEquals(H2MessageIdCache.CACHE, rs.getLong(1), "each refill of the cache is a commit that writes the batch under way");
        }
    }

    @Test
    void theFileSizeIsReportedForAnH2FileAndNotForADatabaseInMemory() throws IOException {
        try (Database db = Database.open(url("size"), "sa", "")) {
            double bytes = db.fileBytes();
            assertTrue(bytes > 0, "an open H2 file has a size: " + bytes);
            assertEquals(Files.size(dir.resolve("size.mv.db")), bytes, 64 * 1024, "the file's own size, give or take a chunk");
        }
        try (Database db = Database.open("jdbc:h2:mem:size;DB_CLOSE_DELAY=-1", "sa", "")) {
            assertTrue(Double.isNaN(db.fileBytes()), "no file in memory");
        }
    }

    @Test
    void anEmptyDatabaseIsNotCurrent() throws SQLException {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(url("empty"));
        h2.setUser("sa");
        try (Connection keepOpen = h2.getConnection()) {
            assertFalse(Database.isCurrent(h2));
        }
    }

    private String url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
