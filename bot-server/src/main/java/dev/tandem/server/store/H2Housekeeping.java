package dev.tandem.server.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps an H2 file database from growing without bound: moves the few live pages out of old, mostly
 * dead chunks, so that whole chunks become free and H2 writes new ones into their space.
 *
 * <p>H2 stores every commit as a new chunk of the pages it changed, and frees a chunk only when none
 * of its pages is live any more. An append-only table leaves the last version of each filled leaf
 * page in some chunk whose other pages died long ago, so most chunks never free by themselves. H2's
 * background thread rewrites such chunks, but that thread runs only with a {@code WRITE_DELAY} above
 * 0, and Tandem runs {@code WRITE_DELAY=0} (a commit is written before it returns). Without it, a
 * server storing 500 messages and 500 replies a second grew its file by ~250 MB every 20 s and reused
 * none of it (2.6 GB after four minutes). This thread runs the same housekeeping H2's background
 * thread runs, every {@link #PERIOD_MS} ms: it rewrites sparse chunks older than H2's retention time
 * (45 s; newer chunks are never touched) and, when free space is fragmented, moves chunks down and
 * shortens the file.
 */
final class H2Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /** Fallback only (see {@link #H2_HOUSEKEEPING}): H2's busy target, its default 90 % squared. */
    private static final int TARGET_FILL_RATE = 81;
    /** Fallback only: bytes of live pages rewritten per pass at most, a quarter of H2's 19 MB write buffer as when it is busy. */
    private static final int WRITE_LIMIT = 19 * 1024 * 1024 / 4;
    /** How often; {@code -Dtandem.h2HousekeepingMs=0} turns it off (benchmarks compare). */
    private static final long PERIOD_MS = Long.getLong("tandem.h2HousekeepingMs", 333);

    private final DataSource dataSource;
    private final Thread thread;
    private volatile boolean stopped;
    /** When the last failed pass was logged (the housekeeping thread only). */
    private long lastWarned;

    private H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().daemon().name("h2-housekeeping").unstarted(this::loop);
    }

    /** Starts housekeeping for an H2 file database ({@code jdbc:h2:file:}); null for any other database. */
    static H2Housekeeping startFor(String jdbcUrl, DataSource dataSource) {
        if (Database.h2File(jdbcUrl) == null || PERIOD_MS <= 0) return null;
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource);
        housekeeping.thread.start();
        return housekeeping;
    }

    private void loop() {
        while (!stopped) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            if (stopped) return;
            try {
                pass(dataSource);
            } catch (SQLException | RuntimeException e) {
                if (stopped) return;
                // a full disk or a closing database: the next pass tries again; nothing is lost by skipping
                // one. Said once a minute, not three times a second.
                long now = System.nanoTime();
                if (lastWarned == 0 || now - lastWarned > TimeUnit.MINUTES.toNanos(1)) {
                    lastWarned = now;
                    log.warn("h2 housekeeping pass failed (tried again every {} ms): {}", PERIOD_MS, Database.rootMessage(e));
                }
            }
        }
    }

    /**
     * H2's own housekeeping ({@code FileStore.doHousekeeping}, what its background thread runs after
     * each write when {@code WRITE_DELAY} is above 0): rewrites sparse chunks and, when the free space
     * is fragmented, moves chunks towards the start of the file and truncates it. Not public in H2
     * 2.4; null if a later H2 drops it, and then {@link MVStore#compact} does the first half.
     */
    private static final Method H2_HOUSEKEEPING = h2Housekeeping();

    private static Method h2Housekeeping() {
        try {
            Method m = FileStore.class.getDeclaredMethod("doHousekeeping", MVStore.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("H2's housekeeping is not reachable ({}); sparse chunks are rewritten, the file is not compacted", e.toString());
            return null;
        }
    }

    /**
     * One pass. The connection is held for the pass so that the database stays open while its store
     * is worked on.
     */
    static void pass(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = mvStore(c);
            if (store == null || store.isClosed() || store.getFileStore() == null) return;
            if (H2_HOUSEKEEPING != null) {
                try {
                    H2_HOUSEKEEPING.invoke(store.getFileStore(), store);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } else {
                store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
            }
            // the rewritten pages are changes like any other: written now, not at the next commit of a turn
            if (store.hasUnsavedChanges()) store.commit();
            if (log.isDebugEnabled()) {
                var file = store.getFileStore();
                log.debug("h2 file {} MB, file fill {} %, chunks fill {} %", file.size() >> 20, file.getFillRate(), file.getChunksFillRate());
            }
        }
    }

    /** The MVStore under an embedded H2 connection, or null (a remote or non-H2 connection). */
    static MVStore mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) return null;
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) return null;
        var store = session.getDatabase().getStore();
        return store == null ? null : store.getMvStore();
    }

    /**
     * Stops the thread; a pass under way finishes first. Not by interrupting it: an interrupt inside
     * H2's file I/O closes the file channel under the database.
     */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
