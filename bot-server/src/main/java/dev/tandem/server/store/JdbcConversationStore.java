package dev.tandem.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
 * arrive together share one commit ({@link GroupCommit}), which also allocates the seqs in memory
 * and checks a resent cid in the same transaction.
 */
public final class JdbcConversationStore implements ConversationStore {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ObjectWriter eventWriter;
    private final Clock clock;


    public JdbcConversationStore(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.eventWriter = json.writerFor(ChatEvent.class);
        this.clock = clock;
    }

    private void insertVisitorIfNew(Connection c, String visitorId) throws SQLException {
        try (var select = c.prepareStatement("SELECT 1 FROM visitors WHERE id = ?")) {
            select.setString(1, visitorId);
            if (select.executeQuery().next()) return;
        }
        try (var insert = c.prepareStatement("INSERT INTO visitors (id, created_at) VALUES (?, ?)")) {
            insert.setString(1, visitorId);
            insert.setTimestamp(2, now());
            insert.executeUpdate();
        }
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        long journaled = GroupCommit.of(dataSource, conversationId).unappliedLastSeq(conversationId); // before the database: see GroupCommit.unappliedOf
        return inTransaction(c -> {
            try (var select = c.prepareStatement(
                    "SELECT id, visitor_id, account_id, contact_id, status, lang, last_seq FROM conversations WHERE id = ?")) {
                select.setString(1, conversationId);
                ResultSet rs = select.executeQuery();
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Conversation(rs.getString(1), rs.getString(2),
                        new Identity(rs.getString(3), rs.getString(4), null),
                        ConversationStatus.fromWire(rs.getString(5)), rs.getString(6), Math.max(rs.getLong(7), journaled)));
            }
        });
    }

    @Override
    public Conversation create(String visitorId, Identity identity, String lang) {
        String id = UUID.randomUUID().toString();
        inGroupCommit(visitorId, b -> { // the visitor's writer: two first hellos of one visitor insert it once
            insertVisitorIfNew(b.connection(), visitorId); // same transaction: one commit for a first hello
            try (var insert = b.connection().prepareStatement("""
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
        GroupCommit.of(dataSource, id).created(id); // no message yet: the writer knows every cid it will have
        return new Conversation(id, visitorId, identity, ConversationStatus.OPEN, lang, 0);
    }

    @Override
    public void bindIdentity(String conversationId, Identity identity) {
        inGroupCommit(conversationId, b -> {
            try (var update = b.connection().prepareStatement(
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
        Long journaled = GroupCommit.of(dataSource, conversationId).unappliedSeqOfCid(conversationId, cid);
        if (journaled != null) return Optional.of(journaled);
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
        return insertMessage(conversationId, role, text, cid, citations, audit);
    }

    @Override
    public ChatEvent.MessageEvent appendReply(String conversationId, long replyTo, String role, String text,
                                              List<Citation> citations, List<String> audit) {
        // through the journal like a user message: the reply is sent once written there, and the caller holds the
        // conversation's lock for a journal write instead of a group commit (a user message of the conversation
        // waited that long for its ack)
        return inJournal(conversationId, false, b -> {
            if (b.hasReply(conversationId, replyTo)) {
                throw new SQLException("duplicate key: conversation " + conversationId + " reply_to " + replyTo, "23505");
            }
            return addMessage(b, conversationId, role, text, null, replyTo, citations, audit);
        });
    }

    @Override
    public List<PendingTurn> pendingTurns() {
        storing(() -> { // the query below reads the database only
            GroupCommit.awaitApplied(dataSource, java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
            return null;
        });
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

    @Override
    public StoredMessage appendUserMessage(String conversationId, String cid, String text) {
        return inJournal(conversationId, true, b -> {
            Long known = b.seqOfCid(conversationId, cid);
            if (known != null) return new StoredMessage(known, null);
            var event = addMessage(b, conversationId, "user", text, cid, null, List.of(), List.of());
            return new StoredMessage(event.seq(), event);
        });
    }

    private ChatEvent.MessageEvent insertMessage(String conversationId, String role, String text, String cid,
                                                 List<Citation> citations, List<String> audit) {
        return inGroupCommit(conversationId, false, b -> {
            if (cid != null && b.seqOfCid(conversationId, cid) != null) {
                throw new SQLException("duplicate key: conversation " + conversationId + " cid " + cid, "23505");
            }
            return addMessage(b, conversationId, role, text, cid, null, citations, audit);
        });
    }

    /** Allocates the seq and leaves the message and its event in the batch (written at its commit). */
    private ChatEvent.MessageEvent addMessage(GroupCommit.Batch b, String conversationId, String role, String text, String cid,
                                              Long replyTo, List<Citation> citations, List<String> audit) throws Exception {
        long seq = b.nextSeq(conversationId);
        Instant at = clock.instant();
        var event = new ChatEvent.MessageEvent(seq, role, text, citations, cid, at.toString());
        Timestamp createdAt = Timestamp.from(at);
        b.add(new GroupCommit.MessageRow(conversationId, seq, role, cid, text,
                citations.isEmpty() ? null : write(citations), audit.isEmpty() ? null : write(audit), createdAt, replyTo));
        addEvent(b, conversationId, event, createdAt);
        return event;
    }

    @Override
    public ChatEvent.StatusEvent appendStatus(String conversationId, ConversationStatus status) {
        return inGroupCommit(conversationId, false, b -> {
            var event = new ChatEvent.StatusEvent(b.nextSeq(conversationId), status.wireName());
            PreparedStatement update = b.prepare("UPDATE conversations SET status = ? WHERE id = ?");
            update.setString(1, status.wireName());
            update.setString(2, conversationId);
            update.executeUpdate();
            addEvent(b, conversationId, event, now());
            return event;
        });
    }

    @Override
    public ChatEvent.AgentJoinedEvent appendAgentJoined(String conversationId, String agentName) {
        return inGroupCommit(conversationId, false, b -> {
            var event = new ChatEvent.AgentJoinedEvent(b.nextSeq(conversationId), agentName);
            addEvent(b, conversationId, event, now());
            return event;
        });
    }

    @Override
    public List<ChatEvent> eventsAfter(String conversationId, long afterSeq) {
        Unapplied journaled = unapplied(conversationId);
        List<ChatEvent> stored = inTransaction(c -> {
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
        if (journaled.events().isEmpty()) return stored;
        try {
            List<ChatEvent> tail = new ArrayList<>();
            for (GroupCommit.EventRow e : journaled.events()) {
                if (e.seq() > afterSeq) tail.add(json.readerFor(ChatEvent.class).readValue(e.payload()));
            }
            return mergeBySeq(stored, tail, ChatEvent::seq);
        } catch (JsonProcessingException e) {
            throw new StoreException("journal: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChatEvent.MessageEvent> transcript(String conversationId) {
        Unapplied journaled = unapplied(conversationId);
        List<ChatEvent.MessageEvent> stored = inTransaction(c -> {
            try (var select = c.prepareStatement("""
                    SELECT seq, role, body, citations, cid, created_at FROM messages
                    WHERE conversation_id = ? ORDER BY seq""")) {
                select.setString(1, conversationId);
                ResultSet rs = select.executeQuery();
                List<ChatEvent.MessageEvent> messages = new ArrayList<>();
                while (rs.next()) {
                    messages.add(messageEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6)));
                }
                return messages;
            }
        });
        if (journaled.messages().isEmpty()) return stored;
        try {
            List<ChatEvent.MessageEvent> tail = new ArrayList<>();
            for (GroupCommit.MessageRow m : journaled.messages()) {
                tail.add(messageEvent(m.seq(), m.role(), m.body(), m.citations(), m.cid(), m.createdAt()));
            }
            return mergeBySeq(stored, tail, ChatEvent.MessageEvent::seq);
        } catch (JsonProcessingException e) {
            throw new StoreException("journal: " + e.getMessage(), e);
        }
    }

    private ChatEvent.MessageEvent messageEvent(long seq, String role, String body, String citations, String cid,
                                                Timestamp at) throws JsonProcessingException {
        return new ChatEvent.MessageEvent(seq, role, body,
                citations == null ? List.of() : json.readValue(citations, new TypeReference<List<Citation>>() {}),
                cid, at.toInstant().toString());
    }

    /** The conversation's user messages journaled but not yet in the database (read before the database). */
    private record Unapplied(List<GroupCommit.MessageRow> messages, List<GroupCommit.EventRow> events) {}

    private Unapplied unapplied(String conversationId) {
        List<Journal.Entry> entries = GroupCommit.of(dataSource, conversationId).unappliedOf(conversationId);
        if (entries.isEmpty()) return new Unapplied(List.of(), List.of());
        return new Unapplied(entries.stream().map(Journal.Entry::message).toList(), entries.stream().map(Journal.Entry::event).toList());
    }

    /** The database's rows and the journaled ones, by seq, each once (a message applied meanwhile is in both). */
    private static <E> List<E> mergeBySeq(List<E> stored, List<E> journaled, java.util.function.ToLongFunction<E> seq) {
        var bySeq = new java.util.TreeMap<Long, E>();
        for (E e : stored) bySeq.put(seq.applyAsLong(e), e);
        for (E e : journaled) bySeq.putIfAbsent(seq.applyAsLong(e), e);
        return new ArrayList<>(bySeq.values());
    }

    private void addEvent(GroupCommit.Batch b, String conversationId, ChatEvent event, Timestamp at) throws Exception {
        String type = switch (event) {
            case ChatEvent.MessageEvent m -> "message";
            case ChatEvent.StatusEvent s -> "status";
            case ChatEvent.AgentJoinedEvent a -> "agent_joined";
        };
        b.add(new GroupCommit.EventRow(conversationId, event.seq(), type, eventWriter.writeValueAsString(event), at));
    }

    private String write(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * A user message ({@code clientWaits}) or a bot reply: durable before it returns, in the journal
     * (H2 file databases; applied to the database in a later batch) or committed like
     * {@link #inGroupCommit}.
     */
    private <T> T inJournal(String conversationId, boolean clientWaits, GroupCommit.Work<T> work) {
        return storing(() -> GroupCommit.of(dataSource, conversationId).writeJournaled(work, clientWaits));
    }

    /** A durable write a client waits on (an ack, a welcome): committed, with whatever else arrived at the same time, before it returns. */
    private <T> T inGroupCommit(String conversationOrVisitor, GroupCommit.Work<T> work) {
        return inGroupCommit(conversationOrVisitor, true, work);
    }

    /**
     * A durable write, committed before it returns; {@code ackPath} false for the server's own output
     * (bot replies, status changes), which queues behind the writes that clients wait on.
     */
    private <T> T inGroupCommit(String conversationOrVisitor, boolean ackPath, GroupCommit.Work<T> work) {
        return storing(() -> {
            GroupCommit writer = GroupCommit.of(dataSource, conversationOrVisitor);
            return ackPath ? writer.write(work) : writer.writeBackground(work);
        });
    }

    /** Runs a write (or a wait for one); any failure reaches the engine as a {@link StoreException}. */
    private static <T> T storing(java.util.concurrent.Callable<T> write) {
        try {
            return write.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while storing", e);
        } catch (Exception e) {
            throw new StoreException("database: " + Database.rootMessage(e), e);
        }
    }

    /** A read or write outside the group commit; any failure in it reaches the engine as a {@link StoreException}. */
    private <T> T inTransaction(Transactions.Work<T> work) {
        try {
            return Transactions.inTransaction(dataSource, "database", work);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("database: " + Database.rootMessage(e), e);
        }
    }
}
