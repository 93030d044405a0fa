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
        // the H2 files grow to 1–2 GB per run: removed when the run ends, fails or is interrupted
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir))); // Ctrl-C, SIGTERM
        try {
            measure(seconds, threads, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("persistence: could not remove " + dir + ": " + e);
        }
    }

    private static void measure(int seconds, int threads, Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("tandem") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Database db = Database.open(url, "sa", "")) {
            var store = new JdbcConversationStore(db.dataSource(), new ObjectMapper(), Clock.systemUTC());
            List<Conversation> conversations = new ArrayList<>();
            for (int i = 0; i < threads * 3; i++) {
                conversations.add(store.create(UUID.randomUUID().toString(), Identity.anonymous(), "vi"));
            }
            String text = "Máy lọc nước RO-200 của tôi bảo hành đến khi nào? Tôi mua tháng 3 năm ngoái.";

            double engine = engine("persistence-applied", seconds, threads, db, store, conversations, text);
            int rawWriters = Math.min(threads, 4); // batches hold a connection long: more writers only queue for the pool
            double raw = run(seconds, rawWriters, t -> rawBatch(db, text, i -> conversations.get(threads + t).id()));
            double spread = run(seconds, rawWriters, t -> rawBatch(db, text, i -> conversations.get(2 * threads + (i % threads)).id()));
            System.out.printf("persistence conversations_writing=%d engine_msgs_per_s=%.0f raw_batch_msgs_per_s=%.0f (%d writers, 100 rows/commit, one conversation per batch) ratio=%.2f%n",
                    threads, engine, raw, rawWriters, engine / raw);
            System.out.printf("persistence-spread conversations_writing=%d engine_msgs_per_s=%.0f raw_spread_msgs_per_s=%.0f (%d writers, 100 rows/commit over %d conversations) ratio=%.2f%n",
                    threads, engine, spread, rawWriters, threads, engine / spread);
            // the same engine run again once everything is compiled: the first one pays for the JIT of
            // the H2 code the raw runs reuse (the database now holds more rows, which can only slow it)
            double warm = engine("persistence-warm-applied", seconds, threads, db, store, conversations, text);
            System.out.printf("persistence-warm conversations_writing=%d engine_msgs_per_s=%.0f (run again after the raw runs) raw_batch_msgs_per_s=%.0f ratio=%.2f raw_spread_msgs_per_s=%.0f ratio=%.2f%n",
                    threads, warm, raw, warm / raw, spread, warm / spread);
        }
    }

    /** THREADS conversations appending for SECONDS; prints the time until all are in H2 and where the CPU went. */
    private static double engine(String label, int seconds, int threads, Database db, JdbcConversationStore store,
                                 List<Conversation> conversations, String text) throws Exception {
        var stored = new AtomicLong();
        Cpu before = Cpu.now();
        Cpu[] appenders = new Cpu[1];
        long started = System.nanoTime();
        double engine = run(seconds, threads, t -> {
            String id = conversations.get(t).id();
            store.appendUserMessage(id, UUID.randomUUID().toString(), text);
            stored.incrementAndGet();
            return 1;
        }, () -> appenders[0] = Cpu.now());
        // with the journal an ack precedes the database write: also count the time until every acked message is in it
        long acked = System.nanoTime();
        db.awaitApplied(java.time.Duration.ofMinutes(2));
        double applied = stored.get() / ((System.nanoTime() - started) / 1e9);
        Cpu cpu = Cpu.now().with("appenders", appenders[0]).minus(before);
        System.out.printf("%s conversations_writing=%d engine_acked_msgs_per_s=%.0f engine_in_database_msgs_per_s=%.0f (acked until %.2f s, all in the database at %.2f s)%n",
                label, threads, engine, applied, (acked - started) / 1e9, (System.nanoTime() - started) / 1e9);
        // where the process's CPU went, per stored message, until every acked one was in the database
        System.out.printf("%s-cpu conversations_writing=%d cpu_ms_per_1000_msgs: %s%n", label, threads, cpu.per1000(stored.get()));
        return engine;
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

    /**
     * CPU time by thread group, in ns, from /proc/self/task (Linux; empty elsewhere): the store's
     * writer and journal threads, the appending threads, the JIT compilers, the garbage collector.
     */
    private record Cpu(java.util.Map<String, Long> ns) {
        static final List<String> GROUPS = List.of("store_writer", "store_journal", "appenders", "jit", "gc", "other");

        static Cpu now() {
            var ms = new java.util.HashMap<String, Long>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim();
                        // nanoseconds on the CPU (schedstat: clock ticks would round each short-lived thread down to 0)
                        long used = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                        ms.merge(group(name), used, Long::sum);
                    } catch (java.io.IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                return new Cpu(java.util.Map.of());
            }
            return new Cpu(ms);
        }

        private static String group(String name) {
            if (name.startsWith("store-writer")) return "store_writer";
            if (name.startsWith("store-journal")) return "store_journal";
            if (name.startsWith("pool-")) return "appenders";
            if (name.startsWith("C1 ") || name.startsWith("C2 ")) return "jit";
            if (name.startsWith("GC ") || name.startsWith("G1 ")) return "gc";
            return "other";
        }

        /** This snapshot with one group's figure taken from another (threads that have ended since). */
        Cpu with(String group, Cpu other) {
            var d = new java.util.HashMap<>(ns);
            d.put(group, other.ns.getOrDefault(group, 0L));
            return new Cpu(d);
        }

        Cpu minus(Cpu before) {
            var d = new java.util.HashMap<String, Long>();
            ns.forEach((k, v) -> d.put(k, v - before.ns.getOrDefault(k, 0L)));
            return new Cpu(d);
        }

        /** "group=ms-per-1000-messages ..." */
        String per1000(long messages) {
            var out = new StringBuilder();
            long total = ns.values().stream().mapToLong(Long::longValue).sum();
            out.append("process=").append(String.format("%.1f", total / 1e3 / messages));
            for (String g : GROUPS) out.append(' ').append(g).append('=').append(String.format("%.1f", ns.getOrDefault(g, 0L) / 1e3 / messages));
            return out.toString();
        }
    }

    interface Step {
        int run(int thread) throws Exception;
    }

    private static double run(int seconds, int threads, Step step) throws Exception {
        return run(seconds, threads, step, () -> {});
    }

    /** {@code beforeClose} runs once every thread is done and before they end. */
    private static double run(int seconds, int threads, Step step, Runnable beforeClose) throws Exception {
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
            beforeClose.run();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
