package dev.tandem.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The connection pool and the schema: opens H2 (default) or PostgreSQL and applies migrations. */
public final class Database implements AutoCloseable {

    /**
     * The version of the newest migration: the SQL files in {@code db/migration} and the Java
     * migrations ({@code DatabaseTest} keeps it equal to them). A database already at this version opens without Flyway.
     */
    static final int SCHEMA_VERSION = 15;

    private final HikariDataSource pool;
    /** Null unless an H2 file database. */
    private final H2Housekeeping housekeeping;
    /** The H2 database file, or null (PostgreSQL, in memory). */
    private final Path file;

    private Database(HikariDataSource pool, H2Housekeeping housekeeping, Path file) {
        this.pool = pool;
        this.housekeeping = housekeeping;
        this.file = file;
    }

    /**
     * Opens the pool and migrates. An H2 file already opened by another process fails here, with a
     * message that says so, before the server accepts anything.
     */
    public static Database open(String jdbcUrl, String user, String password) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("tandem");
        // readers (replays, lookups, the console) hold a connection for microseconds; the store's one
        // writer holds one per group commit, so readers never queue behind a commit
        int maxPool = 16;
        config.setMaximumPoolSize(maxPool);
        config.setInitializationFailTimeout(1); // fail fast on a locked or unreachable database
        config.setConnectionTimeout(5_000);
        Path file = h2File(jdbcUrl);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + redact(jdbcUrl) + ": " + rootMessage(e)
                    + (file != null ? " (is another Tandem process using the same data dir?)" : ""), e);
        }
        try {
            if (!isCurrent(pool)) {
                Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                        .javaMigrations(javaMigrations().toArray(JavaMigration[]::new)).load().migrate();
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("database migration failed: " + rootMessage(e), e);
        }
        Path journalFile = journalFile(jdbcUrl);
        if (journalFile != null) {
            try {
                openJournal(pool, journalFile);
            } catch (IOException | SQLException | RuntimeException e) {
                pool.close();
                throw new StoreException("cannot open the journal " + journalFile + ": " + rootMessage(e), e);
            }
        }
        return new Database(pool, H2Housekeeping.startFor(jdbcUrl, pool), file);
    }

    /** The file of an H2 file database ({@code jdbc:h2:file:PATH;...} → {@code PATH.mv.db}), or null. */
    static Path h2File(String jdbcUrl) {
        return h2FileWithSuffix(jdbcUrl, ".mv.db");
    }

    /** {@code PATH + suffix} for {@code jdbc:h2:file:PATH;...}, or null for any other URL. */
    private static Path h2FileWithSuffix(String jdbcUrl, String suffix) {
        if (!jdbcUrl.startsWith("jdbc:h2:file:")) return null;
        String path = jdbcUrl.substring("jdbc:h2:file:".length());
        int semicolon = path.indexOf(';');
        return Path.of((semicolon < 0 ? path : path.substring(0, semicolon)) + suffix);
    }

    /** The size of the H2 database file in bytes ({@code /metrics}), or NaN without one. */
    public double fileBytes() {
        if (file == null) return Double.NaN;
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * The journal of an H2 file database ({@code jdbc:h2:file:PATH;...} → {@code PATH.journal}), or
     * null: PostgreSQL and in-memory databases commit every user message before its ack, and
     * {@code -Dtandem.journal=false} turns the journal off for H2 too.
     */
    static Path journalFile(String jdbcUrl) {
        if (!Boolean.parseBoolean(System.getProperty("tandem.journal", "true"))) return null;
        return h2FileWithSuffix(jdbcUrl, ".journal");
    }

    /** Locks the journal, applies what a stopped process left in it, then hands it to the store's writer. */
    private static void openJournal(HikariDataSource pool, Path file) throws IOException, SQLException {
        Journal journal = Journal.open(file);
        try (Connection c = pool.getConnection()) {
            journal.replay(c);
            if (!GroupCommit.useJournal(pool, journal)) journal.close();
        } catch (IOException | SQLException | RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * True when every migration Flyway recorded succeeded and the newest is {@link #SCHEMA_VERSION}:
     * then there is nothing to migrate, and the start skips Flyway's classpath scan and validation
     * (most of a second on a small machine). Anything else, an empty database included, goes
     * through Flyway, which migrates or explains what is wrong (a failed or unknown newer migration).
     */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             var statement = c.createStatement();
             var rows = statement.executeQuery("select \"version\", \"success\" from \"flyway_schema_history\"")) {
            int newest = -1;
            while (rows.next()) {
                if (!rows.getBoolean(2)) return false;
                String version = rows.getString(1); // null on Flyway's own schema-creation row
                if (version != null) newest = Math.max(newest, Integer.parseInt(version));
            }
            return newest == SCHEMA_VERSION;
        } catch (SQLException | RuntimeException e) {
            return false; // no history table yet, or one Flyway must interpret
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Waits until every user message acknowledged from the journal is in the database (benchmarks, tests). */
    public void awaitApplied(java.time.Duration timeout) throws SQLException, InterruptedException {
        GroupCommit.awaitApplied(pool, timeout.toNanos());
    }

    /** The migrations written in Java (H2-only changes), in version order. */
    static List<H2Migration> javaMigrations() {
        return List.of(new H2ForeignKeysWithoutIndexes(), new H2MessageIdCache());
    }

    /** True when a connection can be had and is valid within a second. */
    public boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Applies what the journal holds and releases it, then closes the pool. */
    @Override
    public void close() {
        if (housekeeping != null) housekeeping.close();
        GroupCommit.close(pool);
        pool.close();
    }

    private static String redact(String url) {
        int semicolon = url.indexOf(';');
        int question = url.indexOf('?');
        int cut = semicolon < 0 ? question : question < 0 ? semicolon : Math.min(semicolon, question);
        return cut < 0 ? url : url.substring(0, cut);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
