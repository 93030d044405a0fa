package dev.tandem.server.store;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 *
 * <p>On an H2 file database a user message or a bot reply ({@link #writeJournaled}) does not wait for a commit: a
 * journal thread allocates its seq, checks its cid (against the messages journaled and not yet
 * applied, then the database), writes it with the others that arrived together to the
 * {@link Journal} in one call and returns; the writer applies journaled messages to the database
 * in its next batches (every one journaled before a job of the same conversation goes in that
 * job's batch or an earlier one), many per commit, and drops them from the unapplied list only
 * after the commit, so a reader that looks at the list before the database sees each message in
 * one or the other. Seqs live in one map for both threads ({@link #lastSeqs}); the conversation's
 * lock keeps them from touching one entry at once.
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
    /**
     * Last seq handed out per conversation, journaled or committed. Read and moved only by a write
     * of that conversation, whose caller holds the conversation's lock, so the journal thread and
     * the writer never touch one entry at the same time.
     */
    private final Map<String, Long> lastSeqs = new ConcurrentHashMap<>();

    /** The journal of this writer's database (H2 file databases), or null: user messages then commit before their ack. */
    private final Journal journal;
    /** User messages waiting to be journaled (guarded by {@link #queueLock}). */
    private final ArrayDeque<Job> journalJobs = new ArrayDeque<>();
    private final Condition journalQueued = queueLock.newCondition();
    /** Journaled user messages not yet in the database, in journal order (guarded by {@link #queueLock}). */
    private final ArrayDeque<Unapplied> unapplied = new ArrayDeque<>();
    private long unappliedBytes;
    /**
     * The same per conversation, oldest first, as immutable lists replaced on each change, so that
     * readers (every cid check and replay) take no lock.
     */
    private final Map<String, List<Journal.Entry>> unappliedByConversation = new ConcurrentHashMap<>();
    /** Signalled whenever journaled messages reach the database. */
    private final Condition applied = queueLock.newCondition();
    /** Someone waits for the journal to be applied (a full journal, a close, a read of everything). */
    private int urgent;
    private boolean closing;
    /** The last batch with journaled messages failed: check each against the database before applying it again. */
    private boolean recheckUnapplied;

    private record Unapplied(Journal.Entry entry, long journaledAt) {}

    /**
     * The writer of {@code dataSource} for {@code key} (a conversation or visitor id), started on
     * first use. Every write of one conversation goes through the same writer, in order; writers of
     * different conversations work, and commit, side by side.
     */
    static GroupCommit of(DataSource dataSource, String key) {
        GroupCommit[] lanes = lanes(dataSource);
        return lanes[Math.floorMod(key.hashCode(), lanes.length)];
    }

    private static GroupCommit[] lanes(DataSource dataSource) {
        return WRITERS.computeIfAbsent(dataSource, ds -> {
            Journal journal = JOURNALS.remove(ds);
            GroupCommit[] started = new GroupCommit[LANES];
            for (int i = 0; i < started.length; i++) started[i] = new GroupCommit(ds, i, i == 0 ? journal : null);
            return started;
        });
    }

    private static final Map<DataSource, Journal> JOURNALS = new ConcurrentHashMap<>();

    /**
     * Acks of user messages on {@code dataSource} go through {@code journal} (replayed already), with
     * one writer per database; with {@code -Dtandem.storeWriters} above 1 there is no journal.
     * Call before the first write.
     */
    static boolean useJournal(DataSource dataSource, Journal journal) {
        if (LANES != 1 || WRITERS.containsKey(dataSource)) return false;
        JOURNALS.put(dataSource, journal);
        return true;
    }

    private GroupCommit(DataSource dataSource, int lane, Journal journal) {
        this.dataSource = dataSource;
        this.journal = journal;
        Thread.ofPlatform().daemon().name("store-writer-" + lane).start(this::loop);
        this.journalThread = journal == null ? null : Thread.ofPlatform().daemon().name("store-journal-" + lane).start(this::journalLoop);
    }

    /** Runs {@code work} in the next group commit; returns its result once that commit is durable. A client waits on it. */
    <T> T write(Work<T> work) throws Exception {
        return submit(work, acks, queued);
    }

    /**
     * Like {@link #write} (durable before it returns), for writes no client is waiting on to be
     * acknowledged: they queue behind the ones it is.
     */
    <T> T writeBackground(Work<T> work) throws Exception {
        return submit(work, background, queued);
    }

    /**
     * For a write that only allocates seqs, checks cids and replies, and adds one message with its
     * event (a user message, a bot reply): with a journal it returns once its rows are in the
     * journal — as durable as a commit, see {@link Journal} — and reaches the database in a later
     * batch; without one it is a {@link #write} ({@code clientWaits}: a user message before its
     * ack) or a {@link #writeBackground}.
     */
    <T> T writeJournaled(Work<T> work, boolean clientWaits) throws Exception {
        if (journal == null) return clientWaits ? write(work) : writeBackground(work);
        if (journalStopped) throw new SQLException("the store is closed", "08003");
        return submit(work, journalJobs, journalQueued);
    }

    @SuppressWarnings("unchecked")
    private <T> T submit(Work<T> work, ArrayDeque<Job> queue, Condition signal) throws Exception {
        var result = new CompletableFuture<Object>();
        queueLock.lock();
        try {
            queue.add(new Job(work, result, System.nanoTime()));
            signal.signal();
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
        try {
            batches();
        } finally {
            writerConnection.release();
        }
    }

    private void batches() {
        List<Job> jobs = new ArrayList<>(MAX_BATCH);
        while (true) {
            int ackJobs;
            List<Journal.Entry> applying;
            queueLock.lock();
            try {
                while (acks.isEmpty() && background.isEmpty() && !applyDue()) {
                    long wait = unapplied.isEmpty() || HOLD_APPLY ? TimeUnit.SECONDS.toNanos(1)
                            : (retrying ? applyNotBefore : unapplied.peek().journaledAt() + LINGER_NANOS) - System.nanoTime();
                    if (queued.awaitNanos(Math.max(wait, 100_000)) <= 0 && isClosed(dataSource) && acks.isEmpty() && background.isEmpty()) {
                        WRITERS.remove(dataSource);
                        applied.signalAll();
                        return; // the database was closed: this writer is done (the journal keeps what it did not apply)
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
                // journaled messages after the jobs: every one journaled before a job of its conversation was queued goes with it
                applying = takeUnapplied();
            } catch (InterruptedException e) {
                return;
            } finally {
                queueLock.unlock();
            }
            long t0 = System.nanoTime();
            runBatch(jobs, applying);
            if (STATS) stats(jobs, ackJobs, t0, System.nanoTime());
            jobs.clear();
            if (writerIdle()) writerConnection.release();
        }
    }

    /** Nothing for the writer to do right now. */
    private boolean writerIdle() {
        queueLock.lock();
        try {
            return acks.isEmpty() && background.isEmpty() && !applyDue();
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * The connection a writer or journal thread keeps while it has work, so that under load it does not
     * queue for one behind the readers (a burst of a thousand first turns, each reading its conversation,
     * made the journal thread, and every ack behind it, wait for the pool). Returned to the pool whenever
     * the thread goes idle, so that closing the pool never waits for it.
     */
    private final class HeldConnection {
        private final boolean autoCommit;
        private Connection connection;

        HeldConnection(boolean autoCommit) {
            this.autoCommit = autoCommit;
        }

        Connection get() throws SQLException {
            if (connection == null) {
                Connection c = dataSource.getConnection();
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                connection = c;
            }
            return connection;
        }

        /** The database failed under it: dropped, and the pool's other connections renewed (see {@link #renewConnections}). */
        void broken() {
            if (connection == null) return;
            renewConnections(dataSource, connection);
            release();
        }

        void release() {
            if (connection == null) return;
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("returning a connection: {}", e.toString());
            }
            connection = null;
        }
    }

    /** Used by the writer thread only. */
    private final HeldConnection writerConnection = new HeldConnection(false);
    /** Used by the journal thread only: reads (seqs, cids) outside any transaction. */
    private final HeldConnection journalConnection = new HeldConnection(true);

    private static final boolean STATS = Boolean.getBoolean("tandem.storeStats");
    private long statBatches, statJobs, statAckJobs, statNanos, statMax, statAckWait, statAckWaitMax, statSince = System.nanoTime(), statCpuSince;

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
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            log.info("{} batches={} jobs={} ack_jobs={} cpu_ms={} avg_batch={} avg_ms={} max_ms={} busy={}% ack_queued_avg_ms={} ack_queued_max_ms={}",
                    Thread.currentThread().getName(), statBatches, statJobs, statAckJobs, (cpu - statCpuSince) / 1_000_000, statJobs / statBatches,
                    statNanos / statBatches / 1_000_000.0, statMax / 1_000_000.0, 100 * statNanos / (ended - statSince),
                    statAckJobs == 0 ? 0 : statAckWait / statAckJobs / 1_000_000.0, statAckWaitMax / 1_000_000.0);
            statBatches = statJobs = statAckJobs = statNanos = statMax = statAckWait = statAckWaitMax = 0;
            statCpuSince = cpu;
            statSince = ended;
        }
    }

    private void runBatch(List<Job> jobs, List<Journal.Entry> applying) {
        List<Job> done = new ArrayList<>(jobs.size());
        List<Object> results = new ArrayList<>(jobs.size());
        Batch batch = null;
        try {
            Connection c = writerConnection.get();
            batch = new Batch(c, false);
            try {
                if (!applying.isEmpty()) batch.apply(applying, recheckUnapplied);
                runJobs(batch, jobs, jobs.size() > 1, done, results);
                batch.flush();
                c.commit();
            } catch (Exception e) {
                if (isBroken(e)) {
                    writerConnection.broken();
                } else {
                    c.rollback();
                }
                throw e;
            } finally {
                batch.close();
            }
        } catch (Exception e) {
            forgetSeqs(batch, e);
            if (!applying.isEmpty()) notApplied(applying.size(), e);
            for (Job job : jobs) job.result().completeExceptionally(e); // no-op for the ones already failed
            if (jobs.size() > 1) log.debug("batch of {} not committed: {}", jobs.size(), e.toString());
            return;
        } catch (Throwable fatal) {
            lastSeqs.clear();
            jobs.forEach(job -> job.result().completeExceptionally(fatal));
            throw fatal;
        }
        batch.committed();
        if (!tracked.isEmpty()) stored(batch.messages);
        if (!applying.isEmpty()) appliedFirst(applying.size());
        for (int i = 0; i < done.size(); i++) done.get(i).result().complete(results.get(i));
    }

    /**
     * Runs each job in the batch; a job that fails alone is undone and failed, a broken database
     * fails the whole batch. {@code shared}: jobs take savepoints before writing directly.
     */
    private static void runJobs(Batch batch, List<Job> jobs, boolean shared, List<Job> done, List<Object> results) throws Exception {
        for (Job job : jobs) {
            batch.beginJob(shared);
            try {
                results.add(job.work().run(batch));
                done.add(job);
            } catch (Exception e) {
                if (isBroken(e)) throw e;
                batch.undoJob();
                job.result().completeExceptionally(e);
            }
        }
    }

    /** After a failed batch: its seqs are read again on next use (every seq if the database itself failed: it may reopen at an older commit). */
    private void forgetSeqs(Batch batch, Exception e) {
        if (batch == null || isBroken(e)) {
            lastSeqs.clear();
        } else {
            lastSeqs.keySet().removeAll(batch.seqsBefore.keySet());
        }
    }

    // ---- the journal: user messages acknowledged once journaled, applied to the database by the batches above

    private static final int APPLY_AT = 512, APPLY_MAX = 4096;
    /** Journaled messages wait at most this long for a batch when the writer has nothing else to do. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Beyond this many (or bytes) not yet in the database, acks wait for the database to catch up. */
    private static final int MAX_UNAPPLIED = 8192;
    private static final long MAX_UNAPPLIED_BYTES = 16L << 20, MAX_JOURNAL_BYTES = 32L << 20;
    private static final long ROOM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Test only: journaled messages are never applied while the process runs (the crash test kills it in that state). */
    private static final boolean HOLD_APPLY = Boolean.getBoolean("tandem.journal.holdApply");
    /** After a failed apply (a full disk), the next attempt waits this long. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Set after a failed apply: no new attempt before {@link #applyNotBefore}. */
    private boolean retrying;
    private long applyNotBefore;
    private boolean journalStopped;
    private final Thread journalThread;

    /** Called with {@link #queueLock} held. */
    private boolean applyDue() {
        if (HOLD_APPLY || unapplied.isEmpty() || isClosed(dataSource)) return false;
        long now = System.nanoTime();
        if (retryNotDue(now)) return false;
        return urgent > 0 || closing || unapplied.size() >= APPLY_AT || now - unapplied.peek().journaledAt() >= LINGER_NANOS;
    }

    /** After a failed apply, the next one waits for {@link #applyNotBefore} (unless closing); called with {@link #queueLock} held. */
    private boolean retryNotDue(long now) {
        return retrying && now - applyNotBefore < 0 && !closing;
    }

    /** The oldest journaled messages for the next batch; called with {@link #queueLock} held. They stay listed until committed. */
    private List<Journal.Entry> takeUnapplied() {
        if (HOLD_APPLY || unapplied.isEmpty() || retryNotDue(System.nanoTime())) return List.of();
        List<Journal.Entry> entries = new ArrayList<>(Math.min(unapplied.size(), APPLY_MAX));
        for (Unapplied u : unapplied) {
            if (entries.size() == APPLY_MAX) break;
            entries.add(u.entry());
        }
        return entries;
    }

    /** After the commit: the first {@code n} journaled messages are in the database. */
    private void appliedFirst(int n) {
        List<Journal.Entry> done = new ArrayList<>(n);
        queueLock.lock();
        try {
            for (int i = 0; i < n; i++) {
                Journal.Entry entry = unapplied.poll().entry();
                done.add(entry);
                unappliedBytes -= entry.bytes();
            }
        } finally {
            queueLock.unlock();
        }
        for (Journal.Entry entry : done) {
            unappliedByConversation.computeIfPresent(entry.event().conversationId(),
                    (id, tail) -> tail.size() == 1 ? null : List.copyOf(tail.subList(1, tail.size())));
        }
        queueLock.lock();
        try {
            recheckUnapplied = false;
            retrying = false;
            applied.signalAll();
        } finally {
            queueLock.unlock();
        }
    }

    private void notApplied(int n, Exception e) {
        queueLock.lock();
        try {
            recheckUnapplied = true; // the commit may have failed after the rows were written: check each next time
            retrying = true;
            applyNotBefore = System.nanoTime() + RETRY_NANOS;
        } finally {
            queueLock.unlock();
        }
        log.warn("{} journaled messages not applied to the database yet (kept in the journal, retried): {}", n, Database.rootMessage(e));
    }

    /** The journal thread: takes waiting user messages, allocates their seqs and checks their cids, writes them in one call, acks. */
    private void journalLoop() {
        try {
            journalBatches();
        } finally {
            journalConnection.release();
        }
    }

    private void journalBatches() {
        List<Job> jobs = new ArrayList<>(MAX_BATCH);
        while (true) {
            boolean clear;
            Exception refused = null;
            queueLock.lock();
            try {
                if (journalJobs.isEmpty()) {
                    queueLock.unlock();
                    try {
                        journalConnection.release(); // idle: back to the pool
                    } finally {
                        queueLock.lock();
                    }
                }
                while (journalJobs.isEmpty()) {
                    if (journalStopped || isClosed(dataSource)) return;
                    journalQueued.await(1, TimeUnit.SECONDS);
                }
                while (jobs.size() < MAX_BATCH && !journalJobs.isEmpty()) jobs.add(journalJobs.poll());
                // room: the database must keep up, and the file is emptied whenever everything in it is applied
                long deadline = System.nanoTime() + ROOM_WAIT_NANOS;
                while (!journalStopped && (unapplied.size() >= MAX_UNAPPLIED || unappliedBytes >= MAX_UNAPPLIED_BYTES
                        || (journal.size() >= MAX_JOURNAL_BYTES && !unapplied.isEmpty()))) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        refused = new SQLException("the database is not keeping up with the journal (" + unapplied.size() + " messages not applied)", "08000");
                        break;
                    }
                    urgent++;
                    try {
                        queued.signal();
                        applied.awaitNanos(left);
                    } finally {
                        urgent--;
                    }
                }
                if (journalStopped) refused = new SQLException("the store is closing", "08003");
                clear = unapplied.isEmpty() && journal.size() > 0; // only this thread adds to it: stays empty
            } catch (InterruptedException e) {
                return;
            } finally {
                queueLock.unlock();
            }
            if (refused != null) {
                for (Job job : jobs) job.result().completeExceptionally(refused);
            } else {
                long t0 = System.nanoTime();
                runJournalBatch(jobs, clear);
                if (STATS) journalStats(jobs.size(), t0, System.nanoTime());
            }
            jobs.clear();
        }
    }

    private void runJournalBatch(List<Job> jobs, boolean clear) {
        List<Job> done = new ArrayList<>(jobs.size());
        List<Object> results = new ArrayList<>(jobs.size());
        Batch batch = null;
        List<Journal.Entry> entries = new ArrayList<>(jobs.size());
        try {
            batch = new Batch(journalConnection.get(), true);
            runJobs(batch, jobs, false, done, results);
            for (int i = 0; i < batch.messages.size(); i++) {
                MessageRow m = batch.messages.get(i);
                EventRow e = batch.events.get(i);
                if (!m.conversationId().equals(e.conversationId()) || m.seq() != e.seq()) {
                    throw new IllegalStateException("a journaled write adds one message and its event");
                }
                entries.add(new Journal.Entry(m, e));
            }
            if (clear) journal.clear();
            if (!entries.isEmpty()) journal.append(entries);
            stored(batch.messages);
        } catch (Exception e) {
            forgetSeqs(batch, e);
            for (Job job : jobs) job.result().completeExceptionally(e);
            if (batch != null) batch.close();
            batch = null;
            journalConnection.release(); // the next batch takes a fresh one, as each batch did before
            return;
        } finally {
            if (batch != null) batch.close();
        }
        long now = System.nanoTime();
        for (Journal.Entry entry : entries) {
            unappliedByConversation.merge(entry.event().conversationId(), List.of(entry), (tail, one) -> {
                var longer = new ArrayList<Journal.Entry>(tail.size() + 1);
                longer.addAll(tail);
                longer.add(one.getFirst());
                return List.copyOf(longer);
            });
        }
        queueLock.lock();
        try {
            for (Journal.Entry entry : entries) {
                unapplied.add(new Unapplied(entry, now));
                unappliedBytes += entry.bytes();
            }
            if (unapplied.size() >= APPLY_AT || unapplied.size() == entries.size()) queued.signal();
        } finally {
            queueLock.unlock();
        }
        for (int i = 0; i < done.size(); i++) done.get(i).result().complete(results.get(i));
    }

    private long journalBatches, journalJobsDone, journalNanos, journalSince = System.nanoTime(), journalCpuSince;

    private void journalStats(int jobs, long started, long ended) {
        journalBatches++;
        journalJobsDone += jobs;
        journalNanos += ended - started;
        if (ended - journalSince > 2_000_000_000L) {
            int waiting;
            queueLock.lock();
            try {
                waiting = unapplied.size();
            } finally {
                queueLock.unlock();
            }
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            log.info("{} batches={} jobs={} avg_ms={} cpu_ms={} unapplied={}", Thread.currentThread().getName(), journalBatches,
                    journalJobsDone, journalNanos / journalBatches / 1_000_000.0, (cpu - journalCpuSince) / 1_000_000, waiting);
            journalCpuSince = cpu;
            journalBatches = journalJobsDone = journalNanos = 0;
            journalSince = ended;
        }
    }

    // ---- cids and replies of the conversations this process created: a new cid, a first reply need no database read

    /** Tracked cids and replies at most (about 100 bytes each); past it every conversation goes back to the database reads. */
    private static final int TRACKED_MAX = 200_000;
    /**
     * With a journal (H2 file database: one process, one writer): every conversation created by
     * this process, with the cid of every message and the {@code reply_to} of every reply stored
     * for it since — complete, because a new conversation has no messages and every later message
     * of it is stored through this writer ({@link #stored} records them once journaled or
     * committed). A cid not in its set is new, a user message not in its replies has none: the
     * journal's checks skip the database reads that a resend check and a reply's uniqueness check
     * otherwise cost every message. A conversation not in the map (created before the start, or
     * dropped to bound the memory) is checked against the database as before.
     */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger trackedEntries = new java.util.concurrent.atomic.AtomicInteger();

    private record Tracked(Set<String> cids, Set<Long> replied) {}

    /**
     * A conversation this process has just created (committed with last_seq 0, its id not yet
     * handed out): its cids and replies are tracked from now on, and its first seq needs no read.
     */
    void created(String conversationId) {
        if (journal == null) return;
        tracked.put(conversationId, new Tracked(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet()));
        lastSeqs.putIfAbsent(conversationId, 0L);
    }

    /** True when the conversation is tracked and has no message with this cid. */
    private boolean surelyNewCid(String conversationId, String cid) {
        Tracked known = tracked.get(conversationId);
        return known != null && !known.cids().contains(cid);
    }

    /** TRUE or FALSE when the conversation is tracked (the user message {@code replyTo} has a reply or not), null when unknown. */
    private Boolean knownReply(String conversationId, long replyTo) {
        Tracked known = tracked.get(conversationId);
        return known == null ? null : known.replied().contains(replyTo);
    }

    /** After the rows are durable (journaled or committed): their cids and replies join their conversations' sets. */
    private void stored(List<MessageRow> rows) {
        for (MessageRow row : rows) {
            if (row.cid() == null && row.replyTo() == null) continue;
            Tracked known = tracked.get(row.conversationId());
            if (known == null) continue;
            boolean added = row.cid() != null ? known.cids().add(row.cid()) : known.replied().add(row.replyTo());
            if (added && trackedEntries.incrementAndGet() > TRACKED_MAX) {
                tracked.clear(); // every conversation is checked against the database again
                trackedEntries.set(0);
            }
        }
    }

    /**
     * The conversation's journaled messages not yet in the database, oldest first. Read it before
     * reading the database: a message leaves this list only after its commit, so it is in one or
     * the other (or both, for a moment).
     */
    List<Journal.Entry> unappliedOf(String conversationId) {
        return unappliedByConversation.getOrDefault(conversationId, List.of());
    }

    /** The seq of the conversation's journaled, not yet applied message with this client id, or null. */
    Long unappliedSeqOfCid(String conversationId, String cid) {
        for (Journal.Entry entry : unappliedOf(conversationId)) {
            if (cid.equals(entry.message().cid())) return entry.message().seq();
        }
        return null;
    }

    /** The newest seq the conversation has journaled and not yet applied, or 0. */
    long unappliedLastSeq(String conversationId) {
        List<Journal.Entry> journaled = unappliedOf(conversationId);
        return journaled.isEmpty() ? 0 : journaled.getLast().event().seq();
    }

    /** Waits until every message journaled so far is in the database. */
    void awaitApplied(long timeoutNanos) throws SQLException, InterruptedException {
        queueLock.lock();
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            urgent++;
            try {
                queued.signal();
                while (!unapplied.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw new SQLException(unapplied.size() + " journaled messages not yet in the database", "08000");
                    applied.awaitNanos(left);
                }
            } finally {
                urgent--;
            }
        } finally {
            queueLock.unlock();
        }
    }

    /** Every writer of {@code dataSource} has applied what it journaled. */
    static void awaitApplied(DataSource dataSource, long timeoutNanos) throws SQLException, InterruptedException {
        GroupCommit[] lanes = WRITERS.get(dataSource);
        if (lanes == null) return;
        for (GroupCommit lane : lanes) lane.awaitApplied(timeoutNanos);
    }

    /**
     * Before the pool closes: applies what the journal holds (for up to 10 s), stops the journal
     * thread and releases the file. What could not be applied stays in the file for the next start.
     */
    static void close(DataSource dataSource) {
        Journal unused = JOURNALS.remove(dataSource);
        if (unused != null) unused.close();
        GroupCommit[] lanes = WRITERS.get(dataSource);
        if (lanes == null) return;
        for (GroupCommit lane : lanes) lane.closeJournal();
    }

    private void closeJournal() {
        if (journal == null) return;
        queueLock.lock();
        try {
            closing = true;
            queued.signal();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!unapplied.isEmpty() && System.nanoTime() - deadline < 0) applied.awaitNanos(deadline - System.nanoTime());
            journalStopped = true;
            journalQueued.signalAll();
            applied.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queueLock.unlock();
        }
        if (journalThread != null) {
            try {
                journalThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
    }

    private static boolean isClosed(DataSource dataSource) {
        return dataSource instanceof HikariDataSource pool && pool.isClosed();
    }

    /**
     * One transaction's worth of writes: its connection for direct statements, seq allocation, and
     * the rows written as JDBC batches at the end.
     */
    final class Batch {

        private final Connection connection;
        /** True on the journal thread: the batch only allocates seqs, reads and adds rows; its connection is not in a transaction. */
        private final boolean journaling;
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        /** Conversation → the last seq handed out before this batch, for each conversation this batch allocates seqs of. */
        private final Map<String, Long> seqsBefore = new HashMap<>();
        private final List<MessageRow> messages = new ArrayList<>();
        private final List<EventRow> events = new ArrayList<>();
        /** (conversation, cid) and (conversation, reply_to) keys of the messages of this batch, with their seq. */
        private final Map<String, Long> cids = new HashMap<>();
        private final Set<String> replies = new HashSet<>();
        /** Undoes what the current job did to this batch, in reverse order, if the job fails. */
        private final List<Runnable> undo = new ArrayList<>();

        private Batch(Connection connection, boolean journaling) {
            this.connection = connection;
            this.journaling = journaling;
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
            if (journaling) throw new IllegalStateException("a journaled write only adds rows");
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
            Long last = lastSeqs.get(conversationId);
            long previous = last != null ? last : loadSeq(conversationId);
            seqsBefore.putIfAbsent(conversationId, previous);
            lastSeqs.put(conversationId, previous + 1);
            undo.add(() -> lastSeqs.put(conversationId, previous));
            return previous + 1;
        }

        /**
         * The highest seq in use: the largest of last_seq, the newest event, and the newest journaled
         * message not yet applied (read first, see {@link #unappliedOf}), so that a last_seq left
         * behind can never make a seq be handed out twice.
         */
        private long loadSeq(String conversationId) throws SQLException {
            long pending = unappliedLastSeq(conversationId);
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
            return Math.max(inUse, pending);
        }

        /** The seq of the conversation's message with this client id, stored before or earlier in this batch. */
        Long seqOfCid(String conversationId, String cid) throws SQLException {
            Long pending = cids.get(conversationId + '\n' + cid);
            if (pending != null) return pending;
            if (surelyNewCid(conversationId, cid)) return null;
            Long journaled = unappliedSeqOfCid(conversationId, cid);
            if (journaled != null) return journaled;
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
            Boolean known = knownReply(conversationId, replyTo);
            if (known != null) return known;
            for (Journal.Entry entry : unappliedOf(conversationId)) {
                if (Long.valueOf(replyTo).equals(entry.message().replyTo())) return true;
            }
            PreparedStatement select = statement("SELECT 1 FROM messages WHERE reply_conversation = ? AND reply_to = ?");
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

        /**
         * Journaled messages to apply in this batch, before its jobs; with {@code recheck} (the
         * last attempt failed, maybe after writing) each is first looked up in the database.
         */
        private void apply(List<Journal.Entry> entries, boolean recheck) throws SQLException {
            PreparedStatement exists = recheck ? statement(EVENT_EXISTS) : null;
            for (Journal.Entry entry : entries) {
                if (exists != null) {
                    exists.setString(1, entry.event().conversationId());
                    exists.setLong(2, entry.event().seq());
                    try (var rs = exists.executeQuery()) {
                        if (rs.next()) continue;
                    }
                }
                add(entry.message());
                add(entry.event());
            }
        }

        /**
         * Writes the rows of every job that succeeded and of the journaled messages applied, and
         * moves each conversation's last_seq forward to its newest event (never back: journaled
         * messages may reach the database after a later status change of their conversation).
         */
        private void flush() throws SQLException {
            Timestamp now = Timestamp.from(java.time.Instant.now());
            Map<String, Long> newest = new HashMap<>();
            for (EventRow e : events) newest.merge(e.conversationId(), e.seq(), Math::max);
            if (!newest.isEmpty()) {
                PreparedStatement update = statement("UPDATE conversations SET last_seq = ?, updated_at = ? WHERE id = ? AND last_seq < ?");
                for (var entry : newest.entrySet()) {
                    update.setLong(1, entry.getValue());
                    update.setTimestamp(2, now);
                    update.setString(3, entry.getKey());
                    update.setLong(4, entry.getValue());
                    update.addBatch();
                }
                update.executeBatch();
            }
            if (!messages.isEmpty()) {
                PreparedStatement insert = statement(INSERT_MESSAGE);
                for (MessageRow m : messages) {
                    bind(insert, m);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!events.isEmpty()) {
                PreparedStatement insert = statement(INSERT_EVENT);
                for (EventRow e : events) {
                    bind(insert, e);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        /** After the commit: past {@link #CACHED_SEQS} conversations, the seqs are read again on next use. */
        private void committed() {
            if (lastSeqs.size() > CACHED_SEQS) lastSeqs.clear();
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

    /** The statements that put a message and its event in the database, here and at the journal's replay. */
    static final String INSERT_MESSAGE = """
            INSERT INTO messages (conversation_id, seq, role, cid, body, citations, audit, created_at, reply_to, reply_conversation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String INSERT_EVENT = "INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)";
    /** Whether an event (so its message: both go in one transaction) is in the database. */
    static final String EVENT_EXISTS = "SELECT 1 FROM events WHERE conversation_id = ? AND seq = ?";

    /** The parameters of {@link #INSERT_MESSAGE}. */
    static void bind(PreparedStatement insert, MessageRow m) throws SQLException {
        insert.setString(1, m.conversationId());
        insert.setLong(2, m.seq());
        insert.setString(3, m.role());
        insert.setString(4, m.cid());
        insert.setString(5, m.body());
        insert.setString(6, m.citations());
        insert.setString(7, m.audit());
        insert.setTimestamp(8, m.createdAt());
        if (m.replyTo() == null) {
            insert.setNull(9, java.sql.Types.BIGINT);
            insert.setNull(10, java.sql.Types.VARCHAR); // the reply key (V15): set on replies only
        } else {
            insert.setLong(9, m.replyTo());
            insert.setString(10, m.conversationId());
        }
    }

    /** The parameters of {@link #INSERT_EVENT}. */
    static void bind(PreparedStatement insert, EventRow e) throws SQLException {
        insert.setString(1, e.conversationId());
        insert.setLong(2, e.seq());
        insert.setString(3, e.type());
        insert.setString(4, e.payload());
        insert.setTimestamp(5, e.createdAt());
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
