import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stored messages per second with the durability behind an ack (each message committed before its
 * append returns: seq + message row + event row, H2 with WRITE_DELAY=0; appends of concurrent
 * conversations share a commit), against raw JDBC batch inserts of the same rows into the same
 * schema (100 rows per commit, at most 4 writers), in two layouts: each batch into one conversation
 * (the original baseline: neighbouring index entries, few pages per commit), and each batch spread
 * over as many conversations as the engine writes to (the engine's own layout: one row per
 * conversation, as many index pages touched as rows).
 * Usage: Persistence SECONDS THREADS
 */
public final class Persistence {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("tandem-persist");
        String url = "jdbc:h2:file:" + dir.resolve("tandem") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Database db = Database.open(url, "sa", "")) {
            var store = new JdbcConversationStore(db.dataSource(), new ObjectMapper(), Clock.systemUTC());
            List<Conversation> conversations = new ArrayList<>();
            for (int i = 0; i < threads * 3; i++) {
                String visitor = UUID.randomUUID().toString();
                store.ensureVisitor(visitor);
                conversations.add(store.create(visitor, Identity.anonymous(), "vi"));
            }
            String text = "Máy lọc nước RO-200 của tôi bảo hành đến khi nào? Tôi mua tháng 3 năm ngoái.";

            var stored = new AtomicLong();
            long started = System.nanoTime();
            double engine = run(seconds, threads, t -> {
                String id = conversations.get(t).id();
                store.appendUserMessage(id, UUID.randomUUID().toString(), text);
                stored.incrementAndGet();
                return 1;
            });
            // with the journal an ack precedes the database write: also count the time until every acked message is in it
            long acked = System.nanoTime();
            db.awaitApplied(java.time.Duration.ofMinutes(2));
            double applied = stored.get() / ((System.nanoTime() - started) / 1e9);
            System.out.printf("persistence-applied conversations_writing=%d engine_acked_msgs_per_s=%.0f engine_in_database_msgs_per_s=%.0f (acked until %.2f s, all in the database at %.2f s)%n",
                    threads, engine, applied, (acked - started) / 1e9, (System.nanoTime() - started) / 1e9);
            int rawWriters = Math.min(threads, 4); // batches hold a connection long: more writers only queue for the pool
            double raw = run(seconds, rawWriters, t -> rawBatch(db, text, i -> conversations.get(threads + t).id()));
            double spread = run(seconds, rawWriters, t -> rawBatch(db, text, i -> conversations.get(2 * threads + (i % threads)).id()));
            System.out.printf("persistence conversations_writing=%d engine_msgs_per_s=%.0f raw_batch_msgs_per_s=%.0f (%d writers, 100 rows/commit, one conversation per batch) ratio=%.2f%n",
                    threads, engine, raw, rawWriters, engine / raw);
            System.out.printf("persistence-spread conversations_writing=%d engine_msgs_per_s=%.0f raw_spread_msgs_per_s=%.0f (%d writers, 100 rows/commit over %d conversations) ratio=%.2f%n",
                    threads, engine, spread, rawWriters, threads, engine / spread);
        }
    }

    private static final AtomicLong seqBase = new AtomicLong(1_000_000);

    /** 100 messages with their events in one transaction, the i-th into {@code conversation.apply(i)}. */
    private static int rawBatch(Database db, String text, java.util.function.IntFunction<String> conversation) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long base = seqBase.addAndGet(100);
            try (var m = c.prepareStatement("INSERT INTO messages (conversation_id, seq, role, cid, body, created_at) VALUES (?, ?, 'user', ?, ?, ?)");
                 var e = c.prepareStatement("INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, 'message', ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < 100; i++) {
                    String id = conversation.apply(i);
                    m.setString(1, id); m.setLong(2, base + i); m.setString(3, UUID.randomUUID().toString());
                    m.setString(4, text); m.setTimestamp(5, now); m.addBatch();
                    e.setString(1, id); e.setLong(2, base + i); e.setString(3, "{\"type\":\"message\",\"text\":\"" + text + "\"}");
                    e.setTimestamp(4, now); e.addBatch();
                }
                m.executeBatch();
                e.executeBatch();
            }
            c.commit();
        }
        return 100;
    }

    interface Step {
        int run(int thread) throws Exception;
    }

    private static double run(int seconds, int threads, Step step) throws Exception {
        var done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    while (System.nanoTime() < end) done.addAndGet(step.run(thread));
                    return null;
                }));
            }
            for (Future<?> f : all) f.get();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
