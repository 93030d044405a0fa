package dev.tandem.server.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code WRITE_DELAY=0} H2 runs no housekeeping of its own: a chunk that keeps one live page
 * (the last version of an append-only table's leaf) is never freed, and the file grows with every
 * commit. {@link H2Housekeeping} keeps it near the size of its live data.
 */
class H2HousekeepingTest {

    @TempDir
    Path dir;

    private static final int COMMITS = 3_000;

    @Test
    void keepsTheFileNearItsLiveDataUnderAppendsAndHotUpdates() throws Exception {
        long without = fileSizeAfterLoad(dir.resolve("without"), false);
        long with = fileSizeAfterLoad(dir.resolve("with"), true);
        // the same rows in both: without housekeeping the dead space stays in the file
        assertThat(with).as("file with housekeeping %d bytes, without %d", with, without).isLessThan(without / 2);
    }

    @Test
    void aPassOnAnotherDatabaseDoesNothing() throws SQLException {
        // PostgreSQL or an in-memory H2 has no MVStore file to keep: the pass must leave it alone
        var memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
        H2Housekeeping.pass(memory);
        assertThat(H2Housekeeping.startFor("jdbc:postgresql://localhost/tandem", memory)).isNull();
    }

    /** Appends a row and rewrites a hot row per commit, as the server does with messages and conversations. */
    private static long fileSizeAfterLoad(Path dbDir, boolean housekeeping) throws Exception {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dbDir.resolve("tandem") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setUser("sa");
        Random random = new Random(42);
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            // no 45 s wait before a dead chunk may be reused, so that a short test sees the steady state
            s.execute("SET RETENTION_TIME 0");
            s.execute("create table appended(id bigint generated always as identity primary key, body varchar(1000))");
            s.execute("create table hot(id int primary key, body varchar(8000))");
            s.execute("insert into hot values (1, '')");
            c.setAutoCommit(false);
            try (var append = c.prepareStatement("insert into appended(body) values (?)");
                 var update = c.prepareStatement("update hot set body = ? where id = 1")) {
                for (int i = 0; i < COMMITS; i++) {
                    append.setString(1, text(random, 400));
                    append.executeUpdate();
                    update.setString(1, text(random, 3000));
                    update.executeUpdate();
                    c.commit();
                    if (housekeeping && i % 50 == 49) H2Housekeeping.pass(dataSource);
                }
            }
            return Files.size(dbDir.resolve("tandem.mv.db"));
        }
    }

    private static String text(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = (char) ('a' + random.nextInt(26));
        return new String(chars);
    }
}
