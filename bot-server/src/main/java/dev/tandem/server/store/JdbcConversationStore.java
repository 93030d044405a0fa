package dev.tandem.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.Citation;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.ConversationStore;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.PendingTurn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ConversationStore} over JDBC. Every append is committed before it returns; appends that
 * arrive together share one commit ({@link GroupCommit}).
 */
public final class JdbcConversationStore implements ConversationStore {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    private final GroupCommit writes;

    public JdbcConversationStore(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        int maxBatch = 128; // appends that arrive while a commit runs share the next one
        this.writes = new GroupCommit(dataSource, maxBatch, (c, e) -> {
            if (!isBroken(e)) return false;
            renewConnections(c);
            return true;
        });
    }

    @Override
    public void ensureVisitor(String visitorId) {
        boolean known = inTransaction(c -> {
            try (var select = c.prepareStatement("SELECT 1 FROM visitors WHERE id = ?")) {
                select.setString(1, visitorId);
                return select.executeQuery().next();
            }
        });
        if (known) return; // a returning visitor: no write
        inGroupCommit(c -> {
            try (var select = c.prepareStatement("SELECT 1 FROM visitors WHERE id = ?")) {
                select.setString(1, visitorId);
                if (select.executeQuery().next()) return null;
            }
            try (var insert = c.prepareStatement("INSERT INTO visitors (id, created_at) VALUES (?, ?)")) {
                insert.setString(1, visitorId);
                insert.setTimestamp(2, now());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return inTransaction(c -> {
            try (var select = c.prepareStatement(
                    "SELECT id, visitor_id, account_id, contact_id, status, lang, last_seq FROM conversations WHERE id = ?")) {
                select.setString(1, conversationId);
                ResultSet rs = select.executeQuery();
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Conversation(rs.getString(1), rs.getString(2),
                        new Identity(rs.getString(3), rs.getString(4), null),
                        ConversationStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getLong(7)));
            }
        });
    }

    @Override
    public Conversation create(String visitorId, Identity identity, String lang) {
        String id = UUID.randomUUID().toString();
        inGroupCommit(c -> {
            try (var insert = c.prepareStatement("""
                    INSERT INTO conversations (id, visitor_id, account_id, contact_id, status, lang, last_seq, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, visitorId);
                insert.setString(3, identity.accountId());
                insert.setString(4, identity.contactId());
                insert.setString(5, ConversationStatus.OPEN.wireName());
                insert.setString(6, lang);
                insert.setTimestamp(7, now());
                insert.setTimestamp(8, now());
                insert.executeUpdate();
            }
            return null;
        });
        return new Conversation(id, visitorId, identity, ConversationStatus.OPEN, lang, 0);
    }

    @Override
    public void bindIdentity(String conversationId, Identity identity) {
        inGroupCommit(c -> {
            try (var update = c.prepareStatement(
                    "UPDATE conversations SET account_id = ?, contact_id = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, identity.accountId());
                update.setString(2, identity.contactId());
                update.setTimestamp(3, now());
                update.setString(4, conversationId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Long> findSeqByCid(String conversationId, String cid) {
        return inTransaction(c -> {
            try (var select = c.prepareStatement("SELECT seq FROM messages WHERE conversation_id = ? AND cid = ?")) {
                select.setString(1, conversationId);
                select.setString(2, cid);
                ResultSet rs = select.executeQuery();
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    @Override
    public ChatEvent.MessageEvent appendMessage(String conversationId, String role, String text, String cid,
                                                List<Citation> citations, List<String> audit) {
        return insertMessage(conversationId, role, text, cid, null, citations, audit);
    }

    @Override
    public ChatEvent.MessageEvent appendReply(String conversationId, long replyTo, String role, String text,
                                              List<Citation> citations, List<String> audit) {
        return insertMessage(conversationId, role, text, null, replyTo, citations, audit);
    }

    @Override
    public List<PendingTurn> pendingTurns() {
        // a bot reply answers its reply_to; replies stored before V4 answer everything before them
        return inTransaction(c -> {
            try (var select = c.prepareStatement("""
                    SELECT m.conversation_id, m.seq, m.body FROM messages m
                    JOIN conversations c ON c.id = m.conversation_id
                    WHERE m.role = 'user' AND c.status IN ('open', 'bot')
                      AND m.seq > COALESCE((SELECT MAX(COALESCE(b.reply_to, b.seq)) FROM messages b
                                            WHERE b.conversation_id = m.conversation_id AND b.role = 'bot'), 0)
                    ORDER BY m.conversation_id, m.seq""")) {
                ResultSet rs = select.executeQuery();
                List<PendingTurn> pending = new ArrayList<>();
                while (rs.next()) pending.add(new PendingTurn(rs.getString(1), rs.getLong(2), rs.getString(3)));
                return pending;
            }
        });
    }

    private ChatEvent.MessageEvent insertMessage(String conversationId, String role, String text, String cid,
                                                 Long replyTo, List<Citation> citations, List<String> audit) {
        return inGroupCommit(c -> {
            long seq = nextSeq(c, conversationId);
            Instant at = clock.instant();
            var event = new ChatEvent.MessageEvent(seq, role, text, citations, cid, at.toString());
            try (var insert = c.prepareStatement("""
                    INSERT INTO messages (conversation_id, seq, role, cid, body, citations, audit, created_at, reply_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, conversationId);
                insert.setLong(2, seq);
                insert.setString(3, role);
                insert.setString(4, cid);
                insert.setString(5, text);
                insert.setString(6, citations.isEmpty() ? null : write(citations));
                insert.setString(7, audit.isEmpty() ? null : write(audit));
                insert.setTimestamp(8, Timestamp.from(at));
                if (replyTo == null) insert.setNull(9, java.sql.Types.BIGINT); else insert.setLong(9, replyTo);
                insert.executeUpdate();
            }
            insertEvent(c, conversationId, event, at);
            return event;
        });
    }

    @Override
    public ChatEvent.StatusEvent appendStatus(String conversationId, ConversationStatus status) {
        return inGroupCommit(c -> {
            long seq = nextSeq(c, conversationId);
            try (var update = c.prepareStatement("UPDATE conversations SET status = ? WHERE id = ?")) {
                update.setString(1, status.wireName());
                update.setString(2, conversationId);
                update.executeUpdate();
            }
            var event = new ChatEvent.StatusEvent(seq, status.wireName());
            insertEvent(c, conversationId, event, clock.instant());
            return event;
        });
    }

    @Override
    public ChatEvent.AgentJoinedEvent appendAgentJoined(String conversationId, String agentName) {
        return inGroupCommit(c -> {
            var event = new ChatEvent.AgentJoinedEvent(nextSeq(c, conversationId), agentName);
            insertEvent(c, conversationId, event, clock.instant());
            return event;
        });
    }

    @Override
    public List<ChatEvent> eventsAfter(String conversationId, long afterSeq) {
        return inTransaction(c -> {
            try (var select = c.prepareStatement(
                    "SELECT payload FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq")) {
                select.setString(1, conversationId);
                select.setLong(2, afterSeq);
                ResultSet rs = select.executeQuery();
                List<ChatEvent> events = new ArrayList<>();
                while (rs.next()) events.add(json.readerFor(ChatEvent.class).readValue(rs.getString(1)));
                return events;
            }
        });
    }

    @Override
    public List<ChatEvent.MessageEvent> transcript(String conversationId) {
        return inTransaction(c -> {
            try (var select = c.prepareStatement("""
                    SELECT seq, role, body, citations, cid, created_at FROM messages
                    WHERE conversation_id = ? ORDER BY seq""")) {
                select.setString(1, conversationId);
                ResultSet rs = select.executeQuery();
                List<ChatEvent.MessageEvent> messages = new ArrayList<>();
                while (rs.next()) {
                    String citations = rs.getString(4);
                    messages.add(new ChatEvent.MessageEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                            citations == null ? List.of() : json.readValue(citations, new TypeReference<List<Citation>>() {}),
                            rs.getString(5), rs.getTimestamp(6).toInstant().toString()));
                }
                return messages;
            }
        });
    }

    private long nextSeq(Connection c, String conversationId) throws SQLException {
        try (var update = c.prepareStatement(
                "UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ?")) {
            update.setTimestamp(1, now());
            update.setString(2, conversationId);
            if (update.executeUpdate() != 1) throw new SQLException("no conversation " + conversationId);
        }
        try (var select = c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
            select.setString(1, conversationId);
            ResultSet rs = select.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private void insertEvent(Connection c, String conversationId, ChatEvent event, Instant at) throws Exception {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, conversationId);
            insert.setLong(2, event.seq());
            insert.setString(3, switch (event) {
                case ChatEvent.MessageEvent m -> "message";
                case ChatEvent.StatusEvent s -> "status";
                case ChatEvent.AgentJoinedEvent a -> "agent_joined";
            });
            insert.setString(4, json.writerFor(ChatEvent.class).writeValueAsString(event));
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private String write(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    /** A durable append: committed (with whatever else arrived at the same time) before it returns. */
    private <T> T inGroupCommit(Work<T> work) {
        try {
            return writes.write(work::run);
        } catch (Exception e) {
            throw new StoreException("database: " + Database.rootMessage(e), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                if (isBroken(e)) {
                    renewConnections(c);
                } else {
                    c.rollback();
                }
                throw e;
            }
        } catch (Exception e) {
            throw new StoreException("database: " + Database.rootMessage(e), e);
        }
    }

    /**
     * After an I/O failure (a full disk) H2 refuses every later statement on the same open
     * database, even once space is back. Dropping the pool's connections lets H2 close it; the
     * next connection reopens the file at its last commit, so the client's resend succeeds.
     */
    private void renewConnections(Connection failed) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(failed);
            var mx = pool.getHikariPoolMXBean();
            if (mx != null) mx.softEvictConnections();
        }
    }

    private static boolean isBroken(Throwable e) {
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
