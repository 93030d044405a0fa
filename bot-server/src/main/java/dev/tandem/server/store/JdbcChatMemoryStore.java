package dev.tandem.server.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's chat memory in the database, one row per conversation id, so a restart does not make
 * the bot forget the conversation. Written behind: {@link #updateMessages} keeps the new memory in a
 * write-through cache and returns at once; a writer thread puts every memory changed in the last
 * {@link #WRITE_BEHIND_MS} ms into one group commit ({@link GroupCommit}, behind the writes clients
 * wait on). A turn therefore never waits for a commit of its memory (it used to, holding one of the
 * answer's CPU places), and at 500 turns a second the memories take a few dozen commits instead of
 * one each (each commit writes a new H2 chunk: ~70 KB, most of the store's disk traffic). The
 * transcript is unaffected (messages and replies are journaled before they are acked or sent); a
 * killed process can lose the memory of the turns of its last {@link #WRITE_BEHIND_MS} ms, a
 * graceful stop ({@link #close}) loses nothing. Reads come from the unwritten memories first, then a
 * bounded cache, because the memory is read several times per turn (before and after each tool
 * round). Turns of one conversation run one at a time, so a conversation's entry has one writer.
 */
public final class JdbcChatMemoryStore implements ChatMemoryStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcChatMemoryStore.class);
    private static final int CACHED_CONVERSATIONS = 10_000; // a few KB each; bounded so idle ones fall out
    /** How long a changed memory waits for others to share its commit. */
    static final long WRITE_BEHIND_MS = 20;
    /** After a failed write (a full disk), the next attempt waits this long. */
    private static final long RETRY_MS = 1_000;

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, List<ChatMessage>> cache = new ConcurrentHashMap<>();
    /** Memories changed and not yet committed, latest per conversation; an empty list is a deletion. */
    private final Map<String, List<ChatMessage>> unwritten = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition written = lock.newCondition();
    /** Flushes asked for and passes completed (guarded by {@link #lock}); a flush waits for a pass that began after it. */
    private long flushesAsked, passesDone;
    /** The last completed pass failed (guarded by {@link #lock}). */
    private Exception lastFailure;
    private boolean closing;
    /** Started on the first write (guarded by {@link #lock}). */
    private Thread writer;

    public JdbcChatMemoryStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String id = String.valueOf(memoryId);
        List<ChatMessage> pending = unwritten.get(id);
        if (pending != null) return pending;
        List<ChatMessage> cached = cache.get(id);
        if (cached != null) return cached;
        try (Connection c = dataSource.getConnection();
             var select = c.prepareStatement("SELECT messages FROM chat_memory WHERE conversation_id = ?")) {
            select.setString(1, id);
            try (var rs = select.executeQuery()) {
                List<ChatMessage> messages = rs.next() ? List.copyOf(ChatMessageDeserializer.messagesFromJson(rs.getString(1))) : List.of();
                remember(id, messages);
                return messages;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read chat memory", e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = String.valueOf(memoryId);
        List<ChatMessage> copy = List.copyOf(messages);
        remember(id, copy);
        unwritten.put(id, copy);
        lock.lock();
        try {
            wakeWriter();
        } finally {
            lock.unlock();
        }
    }

    /** Returns once the deletion is durable, so that no earlier write of the memory can bring it back. */
    @Override
    public void deleteMessages(Object memoryId) {
        String id = String.valueOf(memoryId);
        cache.remove(id);
        unwritten.put(id, List.of());
        flush();
    }

    /** Writes every memory changed before this call and returns once they are durable. */
    public void flush() {
        lock.lock();
        try {
            long asked = ++flushesAsked;
            wakeWriter();
            while (passesDone < asked) written.awaitUninterruptibly();
            if (lastFailure != null) throw new StoreException("cannot write chat memory", lastFailure);
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is left and stops the writer (before the database closes). */
    @Override
    public void close() {
        try {
            flush();
        } catch (StoreException e) {
            log.warn("chat memory of {} conversations not written at close: {}", unwritten.size(), e.getCause().toString());
        }
        lock.lock();
        try {
            closing = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Called with {@link #lock} held. */
    private void wakeWriter() {
        if (writer == null) writer = Thread.ofPlatform().daemon().name("chat-memory-writer").start(this::writeBehind);
        changed.signal();
    }

    private void writeBehind() {
        while (true) {
            long pass;
            boolean asked;
            lock.lock();
            try {
                while (unwritten.isEmpty() && flushesAsked == passesDone && !closing) changed.awaitUninterruptibly();
                if (closing) return;
                asked = flushesAsked > passesDone;
            } finally {
                lock.unlock();
            }
            // the turns of the next few milliseconds share this commit, unless someone waits for it
            if (!asked) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WRITE_BEHIND_MS));
            lock.lock();
            try {
                pass = flushesAsked; // every flush asked up to here is served by this pass
            } finally {
                lock.unlock();
            }
            Exception failure = writeUnwritten();
            lock.lock();
            try {
                passesDone = Math.max(passesDone, pass);
                lastFailure = failure;
                written.signalAll();
            } finally {
                lock.unlock();
            }
            if (failure != null) {
                log.warn("chat memory of {} conversations not written, retrying in {} ms: {}", unwritten.size(), RETRY_MS, failure.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MS));
            }
        }
    }

    /** One group commit per store writer for every unwritten memory; null, or why it failed (the memories stay unwritten). */
    private Exception writeUnwritten() {
        Map<GroupCommit, Map<String, List<ChatMessage>>> byWriter = new IdentityHashMap<>();
        unwritten.forEach((id, messages) -> byWriter.computeIfAbsent(GroupCommit.of(dataSource, id), w -> new HashMap<>()).put(id, messages));
        Timestamp now = Timestamp.from(clock.instant());
        Exception failure = null;
        for (var lane : byWriter.entrySet()) {
            try {
                lane.getKey().writeBackground(b -> {
                    for (var memory : lane.getValue().entrySet()) write(b, memory.getKey(), memory.getValue(), now);
                    return null;
                });
                lane.getValue().forEach(unwritten::remove); // unless a newer memory came meanwhile
            } catch (Exception e) {
                failure = e;
            }
        }
        return failure;
    }

    private static void write(GroupCommit.Batch b, String id, List<ChatMessage> messages, Timestamp now) throws SQLException {
        if (messages.isEmpty()) {
            var delete = b.prepare("DELETE FROM chat_memory WHERE conversation_id = ?");
            delete.setString(1, id);
            delete.executeUpdate();
            return;
        }
        String json = ChatMessageSerializer.messagesToJson(messages);
        var update = b.prepare("UPDATE chat_memory SET messages = ?, updated_at = ? WHERE conversation_id = ?");
        update.setString(1, json);
        update.setTimestamp(2, now);
        update.setString(3, id);
        if (update.executeUpdate() == 0) {
            var insert = b.prepare("INSERT INTO chat_memory (conversation_id, messages, updated_at) VALUES (?, ?, ?)");
            insert.setString(1, id);
            insert.setString(2, json);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
    }

    /** Caches without a lock on the read path; past the bound, arbitrary entries go (they are re-read on demand). */
    private void remember(String id, List<ChatMessage> messages) {
        if (cache.size() >= CACHED_CONVERSATIONS) {
            var keys = cache.keySet().iterator();
            for (int i = 0; i < CACHED_CONVERSATIONS / 10 && keys.hasNext(); i++) {
                keys.next();
                keys.remove();
            }
        }
        cache.put(id, messages);
    }
}
