package dev.tandem.server.store;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: a writer of a database. Writes that arrive together — appends of many
 * conversations, the agent's memory — run in one transaction on the writer's thread and are made
 * durable by one commit; each caller returns (and may ack) only after that commit. A database has
 * one writer by default; {@code -Dtandem.storeWriters=N} runs N side by side, each owning a share of
 * the conversations (experimental: with two, a crash test once left a conversation's last_seq behind
 * its messages, see {@link Batch#nextSeq}).
 *
 * <p>Appends do not touch the database while they run: each takes the next seq of its conversation
 * from memory (loaded from {@code conversations.last_seq} on first use) and leaves its message and
 * event rows in the {@link Batch}; at the end the rows go in as JDBC batches and each conversation's
 * {@code last_seq} is moved forward once, guarded by its expected old value. A failing write undoes
 * its own rows and seqs (and rolls back to its savepoint) and fails alone; a failing commit fails
 * every write of the batch, none of which was acknowledged, and the seqs are reloaded from the
 * database. The writers of a {@link DataSource} are shared by every store over it, and a
 * conversation always goes to the same one, so that its seqs have a single allocator.
 *
 * <p>Writes a client waits on ({@link #write}: a user message before its ack, a new conversation
 * before its welcome) go first: a batch takes every such write that is waiting, and at most
 * {@link #BACKGROUND_PER_ACK} times as many (at least {@link #BACKGROUND_MIN}) of the writes nobody
 * is waiting to be acknowledged ({@link #writeBackground}: bot replies, status changes, the agent's
 * memory), so that a burst of bot output never makes an ack wait for a long commit — plus every
 * such write that was queued before the oldest ack of the batch, so that under a sustained load the
 * bot's writes wait about as long as the acks do instead of falling ever further behind. Every write is
 * still committed before its call returns; a conversation has at most one write in flight (its
 * callers hold its lock), so the order of its seqs is the order of its calls.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    /** Background writes taken into a batch per ack-path write in it, and at least this many. */
    private static final int BACKGROUND_PER_ACK = 2, BACKGROUND_MIN = 32;
    /** Seqs kept for this many conversations at most; the others are read again on their next append. */
    private static final int CACHED_SEQS = 100_000;
    /** Writers per database (1); appends of one conversation always go to the same one, which owns its seqs. */
    private static final int LANES = Integer.getInteger("tandem.storeWriters", 1);
    private static final Map<DataSource, GroupCommit[]> WRITERS = new ConcurrentHashMap<>();

    /** One unit of work, run inside the batch's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Batch batch) throws Exception;
    }

    private record Job(Work<?> work, CompletableFuture<Object> result, long enqueued) {}

    record MessageRow(String conversationId, long seq, String role, String cid, String body, String citations,
                      String audit, Timestamp createdAt, Long replyTo) {}

    record EventRow(String conversationId, long seq, String type, String payload, Timestamp createdAt) {}

    private final DataSource dataSource;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queued = queueLock.newCondition();
    /** Writes a client waits on (guarded by {@link #queueLock}). */
    private final ArrayDeque<Job> acks = new ArrayDeque<>();
    /** Writes nobody is waiting to be acknowledged (guarded by {@link #queueLock}). */
    private final ArrayDeque<Job> background = new ArrayDeque<>();
    /** Last committed seq per conversation; touched by the writer thread only. */
    private final Map<String, Long> committedSeqs = new HashMap<>();

    /**
     * The writer of {@code dataSource} for {@code key} (a conversation or visitor id), started on
     * first use. Every write of one conversation goes through the same writer, in order; writers of
     * different conversations work, and commit, side by side.
     */
    static GroupCommit of(DataSource dataSource, String key) {
        GroupCommit[] lanes = WRITERS.computeIfAbsent(dataSource, ds -> {
            GroupCommit[] started = new GroupCommit[LANES];
            for (int i = 0; i < started.length; i++) started[i] = new GroupCommit(ds, i);
            return started;
        });
        return lanes[Math.floorMod(key.hashCode(), lanes.length)];
    }

    private GroupCommit(DataSource dataSource, int lane) {
        this.dataSource = dataSource;
        Thread.ofPlatform().daemon().name("store-writer-" + lane).start(this::loop);
    }

    /** Runs {@code work} in the next group commit; returns its result once that commit is durable. A client waits on it. */
    <T> T write(Work<T> work) throws Exception {
        return submit(work, acks);
    }

    /**
     * Like {@link #write} (durable before it returns), for writes no client is waiting on to be
     * acknowledged: they queue behind the ones it is.
     */
    <T> T writeBackground(Work<T> work) throws Exception {
        return submit(work, background);
    }

    @SuppressWarnings("unchecked")
    private <T> T submit(Work<T> work, ArrayDeque<Job> queue) throws Exception {
        var result = new CompletableFuture<Object>();
        queueLock.lock();
        try {
            queue.add(new Job(work, result, System.nanoTime()));
            queued.signal();
        } finally {
            queueLock.unlock();
        }
        try {
            return (T) result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void loop() {
        List<Job> jobs = new ArrayList<>(MAX_BATCH);
        while (true) {
            int ackJobs;
            queueLock.lock();
            try {
                while (acks.isEmpty() && background.isEmpty()) {
                    if (!queued.await(1, TimeUnit.SECONDS) && dataSource instanceof HikariDataSource pool && pool.isClosed()) {
                        WRITERS.remove(dataSource);
                        return; // the database was closed: this writer is done
                    }
                }
                while (jobs.size() < MAX_BATCH && !acks.isEmpty()) jobs.add(acks.poll());
                ackJobs = jobs.size();
                int room = ackJobs == 0 ? MAX_BATCH : Math.min(MAX_BATCH - ackJobs, Math.max(BACKGROUND_MIN, BACKGROUND_PER_ACK * ackJobs));
                // and every background write queued before the oldest ack of this batch: replies wait
                // behind acks, but never fall further behind than the acks do
                long oldestAck = ackJobs == 0 ? Long.MAX_VALUE : jobs.getFirst().enqueued();
                for (int i = 0; jobs.size() < MAX_BATCH && !background.isEmpty()
                        && (i < room || background.peek().enqueued() - oldestAck <= 0); i++) {
                    jobs.add(background.poll());
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                queueLock.unlock();
            }
            long t0 = System.nanoTime();
            runBatch(jobs);
            if (STATS) stats(jobs, ackJobs, t0, System.nanoTime());
            jobs.clear();
        }
    }

    private static final boolean STATS = Boolean.getBoolean("tandem.storeStats");
    private long statBatches, statJobs, statAckJobs, statNanos, statMax, statAckWait, statAckWaitMax, statSince = System.nanoTime();

    /** With {@code -Dtandem.storeStats=true}: batch sizes, commit times and how long ack-path writes queued, every 2 s. */
    private void stats(List<Job> jobs, int ackJobs, long started, long ended) {
        long nanos = ended - started;
        statBatches++;
        statJobs += jobs.size();
        statAckJobs += ackJobs;
        statNanos += nanos;
        statMax = Math.max(statMax, nanos);
        for (int i = 0; i < ackJobs; i++) {
            long wait = started - jobs.get(i).enqueued();
            statAckWait += wait;
            statAckWaitMax = Math.max(statAckWaitMax, wait);
        }
        if (ended - statSince > 2_000_000_000L) {
            log.info("{} batches={} jobs={} ack_jobs={} avg_batch={} avg_ms={} max_ms={} busy={}% ack_queued_avg_ms={} ack_queued_max_ms={}",
                    Thread.currentThread().getName(), statBatches, statJobs, statAckJobs, statJobs / statBatches,
                    statNanos / statBatches / 1_000_000.0, statMax / 1_000_000.0, 100 * statNanos / (ended - statSince),
                    statAckJobs == 0 ? 0 : statAckWait / statAckJobs / 1_000_000.0, statAckWaitMax / 1_000_000.0);
            statBatches = statJobs = statAckJobs = statNanos = statMax = statAckWait = statAckWaitMax = 0;
            statSince = ended;
        }
    }

    private void runBatch(List<Job> jobs) {
        List<Job> done = new ArrayList<>(jobs.size());
        List<Object> results = new ArrayList<>(jobs.size());
        Batch batch = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            batch = new Batch(c);
            try {
                for (Job job : jobs) {
                    batch.beginJob(jobs.size() > 1);
                    try {
                        results.add(job.work().run(batch));
                        done.add(job);
                    } catch (Exception e) {
                        if (isBroken(e)) throw e;
                        batch.undoJob();
                        job.result().completeExceptionally(e);
                    }
                }
                batch.flush();
                c.commit();
            } catch (Exception e) {
                if (isBroken(e)) {
                    renewConnections(dataSource, c);
                } else {
                    c.rollback();
                }
                throw e;
            } finally {
                batch.close();
            }
        } catch (Exception e) {
            if (batch == null || isBroken(e)) {
                committedSeqs.clear(); // the database may reopen at an older commit: read every seq again
            } else {
                committedSeqs.keySet().removeAll(batch.seqs.keySet());
            }
            for (Job job : jobs) job.result().completeExceptionally(e); // no-op for the ones already failed
            if (jobs.size() > 1) log.debug("batch of {} not committed: {}", jobs.size(), e.toString());
            return;
        } catch (Throwable fatal) {
            committedSeqs.clear();
            jobs.forEach(job -> job.result().completeExceptionally(fatal));
            throw fatal;
        }
        batch.committed();
        for (int i = 0; i < done.size(); i++) done.get(i).result().complete(results.get(i));
    }

    /**
     * One transaction's worth of writes: its connection for direct statements, seq allocation, and
     * the rows written as JDBC batches at the end.
     */
    final class Batch {

        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        /** Conversation → {last_seq in the database, highest seq in use before this batch, last seq handed out in this batch}. */
        private final Map<String, long[]> seqs = new HashMap<>();
        private final List<MessageRow> messages = new ArrayList<>();
        private final List<EventRow> events = new ArrayList<>();
        /** (conversation, cid) and (conversation, reply_to) keys of the messages of this batch, with their seq. */
        private final Map<String, Long> cids = new HashMap<>();
        private final Set<String> replies = new HashSet<>();
        /** Undoes what the current job did to this batch, in reverse order, if the job fails. */
        private final List<Runnable> undo = new ArrayList<>();

        private Batch(Connection connection) {
            this.connection = connection;
        }

        /** The current job's savepoint, taken when it first writes directly; null while it only read or buffered. */
        private Savepoint savepoint;
        private boolean wrote;
        private boolean shared;

        private void beginJob(boolean sharedWithOthers) {
            undo.clear();
            savepoint = null;
            wrote = false;
            shared = sharedWithOthers;
        }

        /** For statements that run at once (visitors, conversations, memory); rolled back with the job on failure. */
        Connection connection() throws SQLException {
            writing();
            return connection;
        }

        /** A prepared statement that writes at once, reused by every job of this batch; rolled back with the job on failure. */
        PreparedStatement prepare(String sql) throws SQLException {
            writing();
            return statement(sql);
        }

        private void writing() throws SQLException {
            if (wrote) return;
            if (shared) savepoint = connection.setSavepoint();
            wrote = true;
        }

        private PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        /** The next seq of the conversation: one more than the last one stored or handed out. */
        long nextSeq(String conversationId) throws SQLException {
            long[] state = seqs.get(conversationId);
            if (state == null) {
                Long cached = committedSeqs.get(conversationId);
                long[] fresh = cached != null ? new long[]{cached, cached, cached} : loadSeq(conversationId);
                seqs.put(conversationId, fresh);
                undo.add(() -> seqs.remove(conversationId));
                state = fresh;
            }
            long[] current = state;
            long previous = current[2];
            current[2] = previous + 1;
            undo.add(() -> current[2] = previous);
            return current[2];
        }

        /**
         * {last_seq as stored, the highest seq in use, the same}: the highest seq in use is the
         * larger of last_seq and the newest event, so that a last_seq left behind can never make a
         * seq be handed out twice.
         */
        private long[] loadSeq(String conversationId) throws SQLException {
            PreparedStatement select = statement("SELECT last_seq FROM conversations WHERE id = ?");
            select.setString(1, conversationId);
            long stored;
            try (var rs = select.executeQuery()) {
                if (!rs.next()) throw new SQLException("no conversation " + conversationId);
                stored = rs.getLong(1);
            }
            PreparedStatement newest = statement("SELECT MAX(seq) FROM events WHERE conversation_id = ?");
            newest.setString(1, conversationId);
            long inUse = stored;
            try (var rs = newest.executeQuery()) {
                if (rs.next()) inUse = Math.max(inUse, rs.getLong(1));
            }
            if (inUse != stored) log.warn("conversation {}: last_seq {} behind its newest event {}", conversationId, stored, inUse);
            return new long[]{stored, inUse, inUse};
        }

        /** The seq of the conversation's message with this client id, stored before or earlier in this batch. */
        Long seqOfCid(String conversationId, String cid) throws SQLException {
            Long pending = cids.get(conversationId + '\n' + cid);
            if (pending != null) return pending;
            PreparedStatement select = statement("SELECT seq FROM messages WHERE conversation_id = ? AND cid = ?");
            select.setString(1, conversationId);
            select.setString(2, cid);
            try (var rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }

        /** True when the user message {@code replyTo} already has its reply. */
        boolean hasReply(String conversationId, long replyTo) throws SQLException {
            if (replies.contains(conversationId + '\n' + replyTo)) return true;
            PreparedStatement select = statement("SELECT 1 FROM messages WHERE conversation_id = ? AND reply_to = ?");
            select.setString(1, conversationId);
            select.setLong(2, replyTo);
            try (var rs = select.executeQuery()) {
                return rs.next();
            }
        }

        void add(MessageRow row) {
            messages.add(row);
            undo.add(() -> messages.removeLast());
            if (row.cid() != null) {
                String key = row.conversationId() + '\n' + row.cid();
                cids.put(key, row.seq());
                undo.add(() -> cids.remove(key));
            }
            if (row.replyTo() != null) {
                String key = row.conversationId() + '\n' + row.replyTo();
                replies.add(key);
                undo.add(() -> replies.remove(key));
            }
        }

        void add(EventRow row) {
            events.add(row);
            undo.add(() -> events.removeLast());
        }

        /** Forgets the failed job's rows and seqs, and rolls back what it wrote directly. */
        private void undoJob() throws SQLException {
            for (int i = undo.size() - 1; i >= 0; i--) undo.get(i).run();
            undo.clear();
            if (!wrote) return;
            if (savepoint != null) connection.rollback(savepoint); else connection.rollback();
        }

        /** Writes the rows of every job that succeeded, and moves each conversation's last_seq forward. */
        private void flush() throws SQLException {
            Timestamp now = Timestamp.from(java.time.Instant.now());
            List<String> moved = new ArrayList<>();
            PreparedStatement update = null;
            for (var entry : seqs.entrySet()) {
                long[] state = entry.getValue();
                if (state[2] == state[1]) continue;
                if (update == null) {
                    update = statement("UPDATE conversations SET last_seq = ?, updated_at = ? WHERE id = ? AND last_seq = ?");
                }
                update.setLong(1, state[2]);
                update.setTimestamp(2, now);
                update.setString(3, entry.getKey());
                update.setLong(4, state[0]);
                update.addBatch();
                moved.add(entry.getKey());
            }
            if (update != null) {
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
                        // another writer moved it: fail the batch rather than hand out a seq twice
                        throw new SQLException("conversation " + moved.get(i) + " changed by another writer", "40001");
                    }
                }
            }
            if (!messages.isEmpty()) {
                PreparedStatement insert = statement("""
                        INSERT INTO messages (conversation_id, seq, role, cid, body, citations, audit, created_at, reply_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                for (MessageRow m : messages) {
                    insert.setString(1, m.conversationId());
                    insert.setLong(2, m.seq());
                    insert.setString(3, m.role());
                    insert.setString(4, m.cid());
                    insert.setString(5, m.body());
                    insert.setString(6, m.citations());
                    insert.setString(7, m.audit());
                    insert.setTimestamp(8, m.createdAt());
                    if (m.replyTo() == null) insert.setNull(9, java.sql.Types.BIGINT); else insert.setLong(9, m.replyTo());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!events.isEmpty()) {
                PreparedStatement insert = statement(
                        "INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)");
                for (EventRow e : events) {
                    insert.setString(1, e.conversationId());
                    insert.setLong(2, e.seq());
                    insert.setString(3, e.type());
                    insert.setString(4, e.payload());
                    insert.setTimestamp(5, e.createdAt());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        /** After the commit: the seqs handed out are now the conversations' stored last seqs. */
        private void committed() {
            if (committedSeqs.size() + seqs.size() > CACHED_SEQS) committedSeqs.clear();
            seqs.forEach((id, state) -> committedSeqs.put(id, state[2]));
        }

        private void close() {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    log.debug("closing a statement: {}", e.toString());
                }
            }
        }
    }

    /**
     * After an I/O failure (a full disk) H2 refuses every later statement on the same open
     * database, even once space is back. Dropping the pool's connections lets H2 close it; the
     * next connection reopens the file at its last commit, so the client's resend succeeds.
     */
    static void renewConnections(DataSource dataSource, Connection failed) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(failed);
            var mx = pool.getHikariPoolMXBean();
            if (mx != null) mx.softEvictConnections();
        }
    }

    /** True when the database itself failed (I/O, closed, connection lost), not one statement. */
    static boolean isBroken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) return true;
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // H2: 90028 I/O error, 90030 file corrupted, 90098 database closed, 90121 closed at shutdown
                if (state != null && (state.startsWith("08") || state.equals("90028") || state.equals("90030")
                        || state.equals("90098") || state.equals("90121"))) {
                    return true;
                }
            }
            String message = t.getMessage();
            if (message != null && (message.contains("No space left") || message.contains("MVStore is closed"))) return true;
        }
        return false;
    }
}
