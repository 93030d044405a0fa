package dev.tandem.server.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's chat memory in the database, one row per conversation id, so a restart does not make
 * the bot forget the conversation. Writes share the conversations' group commit ({@link GroupCommit}:
 * many turns' memory and messages, one commit; queued behind the writes that clients wait on) and return once durable; reads come from a bounded
 * write-through cache, because the memory is read several times per turn (before and after each
 * tool round). Turns of one conversation run one at a time, so a conversation's entry has one writer.
 */
public final class JdbcChatMemoryStore implements ChatMemoryStore {

    private static final int CACHED_CONVERSATIONS = 10_000; // a few KB each; bounded so idle ones fall out

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, List<ChatMessage>> cache = new ConcurrentHashMap<>();

    public JdbcChatMemoryStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        String id = String.valueOf(memoryId);
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
        String json = ChatMessageSerializer.messagesToJson(messages);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            GroupCommit.of(dataSource, id).writeBackground(b -> {
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
                return null;
            });
            remember(id, List.copyOf(messages));
        } catch (Exception e) {
            cache.remove(id);
            throw new StoreException("cannot write chat memory", e);
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

    @Override
    public void deleteMessages(Object memoryId) {
        String id = String.valueOf(memoryId);
        cache.remove(id);
        try {
            GroupCommit.of(dataSource, id).writeBackground(b -> {
                var delete = b.prepare("DELETE FROM chat_memory WHERE conversation_id = ?");
                delete.setString(1, id);
                delete.executeUpdate();
                return null;
            });
        } catch (Exception e) {
            throw new StoreException("cannot delete chat memory", e);
        }
    }
}
