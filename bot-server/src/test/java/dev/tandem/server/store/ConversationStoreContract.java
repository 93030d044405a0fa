package dev.tandem.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.Citation;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.PendingTurn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every database behind {@link JdbcConversationStore} must do; run on H2 and on PostgreSQL. */
abstract class ConversationStoreContract {

    JdbcConversationStore store;

    /** A migrated database, fresh or shared: every test makes its own conversations. */
    abstract Database database();

    @BeforeEach
    void openStore() {
        store = new JdbcConversationStore(database().dataSource(), new ObjectMapper(), Clock.systemUTC());
    }

    Conversation newConversation() {
        return store.create(UUID.randomUUID().toString(), Identity.anonymous(), "vi");
    }

    @Test
    void seqs_grow_by_one_per_event_and_replay_in_order() {
        Conversation c = newConversation();
        var first = store.appendMessage(c.id(), "user", "xin chào", "cid-1", List.of(), List.of());
        var status = store.appendStatus(c.id(), ConversationStatus.BOT);
        var reply = store.appendReply(c.id(), first.seq(), "bot", "Chào bạn [1]",
                List.of(new Citation(1, "Bảo hành", null, "/kb/warranty", "24 tháng", "warranty.md")), List.of("chunk#abc"));

        assertThat(new long[]{first.seq(), status.seq(), reply.seq()}).containsExactly(1L, 2L, 3L);
        assertThat(store.eventsAfter(c.id(), 1)).extracting(ChatEvent::seq).containsExactly(2L, 3L);
        assertThat(store.eventsAfter(c.id(), 0).getLast()).isEqualTo(reply);
        assertThat(store.find(c.id()).orElseThrow().lastSeq()).isEqualTo(3);
        assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(ConversationStatus.BOT);
        assertThat(store.transcript(c.id())).extracting(ChatEvent.MessageEvent::text).containsExactly("xin chào", "Chào bạn [1]");
        assertThat(store.transcript(c.id()).get(1).citations()).hasSize(1);
    }

    @Test
    void a_first_conversation_creates_its_visitor_in_the_same_commit() {
        String visitor = UUID.randomUUID().toString();
        Conversation first = store.create(visitor, Identity.anonymous(), "vi");
        Conversation second = store.create(visitor, Identity.anonymous(), "en"); // a second tab: the visitor exists

        store.appendUserMessage(first.id(), "cid-1", "xin chào");
        assertThat(store.find(first.id()).orElseThrow().visitorId()).isEqualTo(visitor);
        assertThat(store.find(second.id()).orElseThrow().lang()).isEqualTo("en");
        assertThat(store.eventsAfter(second.id(), 0)).isEmpty();
    }

    @Test
    void a_cid_is_stored_once_per_conversation() {
        Conversation c = newConversation();
        var stored = store.appendMessage(c.id(), "user", "một lần", "same-cid", List.of(), List.of());

        assertThatThrownBy(() -> store.appendMessage(c.id(), "user", "một lần", "same-cid", List.of(), List.of()))
                .isInstanceOf(StoreException.class);
        assertThat(store.findSeqByCid(c.id(), "same-cid")).contains(stored.seq());
        assertThat(store.transcript(c.id())).hasSize(1);
        assertThat(store.find(c.id()).orElseThrow().lastSeq()).as("the failed append took no seq").isEqualTo(1);
        // another conversation may use the same cid
        Conversation other = newConversation();
        store.appendMessage(other.id(), "user", "khác", "same-cid", List.of(), List.of());
    }

    @Test
    void a_resent_cid_returns_the_stored_seq_and_writes_nothing() {
        Conversation c = newConversation();
        var first = store.appendUserMessage(c.id(), "cid-a", "một");
        var resent = store.appendUserMessage(c.id(), "cid-a", "một");
        var next = store.appendUserMessage(c.id(), "cid-b", "hai");

        assertThat(first.isNew()).isTrue();
        assertThat(resent.isNew()).isFalse();
        assertThat(resent.seq()).isEqualTo(first.seq());
        assertThat(next.seq()).isEqualTo(first.seq() + 1);
        assertThat(store.transcript(c.id())).extracting(ChatEvent.MessageEvent::cid).containsExactly("cid-a", "cid-b");
        assertThat(store.eventsAfter(c.id(), 0)).extracting(ChatEvent::seq).containsExactly(first.seq(), next.seq());
    }

    @Test
    void a_resent_cid_returns_the_stored_seq_once_it_is_in_the_database() throws Exception {
        Conversation c = newConversation();
        var first = store.appendUserMessage(c.id(), "cid-x", "một");
        var second = store.appendMessage(c.id(), "user", "hai", "cid-y", List.of(), List.of()); // through the group commit
        database().awaitApplied(java.time.Duration.ofSeconds(30)); // journaled messages reach the database

        var resentFirst = store.appendUserMessage(c.id(), "cid-x", "một");
        var resentSecond = store.appendUserMessage(c.id(), "cid-y", "hai");
        assertThat(resentFirst.isNew()).isFalse();
        assertThat(resentFirst.seq()).isEqualTo(first.seq());
        assertThat(resentSecond.isNew()).isFalse();
        assertThat(resentSecond.seq()).isEqualTo(second.seq());
        assertThat(store.appendUserMessage(c.id(), "cid-z", "ba").seq()).isEqualTo(second.seq() + 1);
        assertThat(store.transcript(c.id())).extracting(ChatEvent.MessageEvent::cid).containsExactly("cid-x", "cid-y", "cid-z");
    }

    @Test
    void concurrent_conversations_sharing_commits_each_get_gapless_seqs() throws Exception {
        List<Conversation> conversations = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) conversations.add(newConversation());
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<List<Long>>> seqs = new java.util.ArrayList<>();
            for (Conversation c : conversations) {
                seqs.add(pool.submit(() -> {
                    List<Long> mine = new java.util.ArrayList<>();
                    for (int m = 0; m < 20; m++) mine.add(store.appendUserMessage(c.id(), "cid-" + m, "tin " + m).seq());
                    return mine;
                }));
            }
            for (int i = 0; i < conversations.size(); i++) {
                assertThat(seqs.get(i).get()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
                String id = conversations.get(i).id();
                assertThat(store.eventsAfter(id, 0)).hasSize(20);
                assertThat(store.find(id).orElseThrow().lastSeq()).isEqualTo(20);
            }
        }
    }

    @Test
    void a_user_message_gets_at_most_one_reply() {
        Conversation c = newConversation();
        var question = store.appendMessage(c.id(), "user", "?", "q", List.of(), List.of());
        store.appendReply(c.id(), question.seq(), "bot", "một", List.of(), List.of());

        assertThatThrownBy(() -> store.appendReply(c.id(), question.seq(), "bot", "hai", List.of(), List.of()))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void the_database_itself_refuses_a_second_reply_to_one_message_but_not_one_in_another_conversation() throws Exception {
        // given: the same user-message seq answered in two conversations, and user messages without a reply key
        Conversation one = newConversation();
        Conversation two = newConversation();
        var q1 = store.appendMessage(one.id(), "user", "?", "q", List.of(), List.of());
        var q2 = store.appendMessage(two.id(), "user", "?", "q", List.of(), List.of());
        store.appendMessage(one.id(), "user", "??", "q2", List.of(), List.of());
        store.appendReply(one.id(), q1.seq(), "bot", "một", List.of(), List.of());
        store.appendReply(two.id(), q2.seq(), "bot", "một", List.of(), List.of());
        assertThat(q1.seq()).isEqualTo(q2.seq());

        // when: a second reply goes in past the store's own check, straight through JDBC, once the first is in the
        // database (on H2 a reply is journaled first, like a user message)
        database().awaitApplied(java.time.Duration.ofSeconds(30));
        // then: the unique key refuses it (the store's check is not the only guard)
        String insert = "INSERT INTO messages (conversation_id, seq, role, body, created_at, reply_to, reply_conversation)"
                + " VALUES (?, 99, 'bot', 'hai', CURRENT_TIMESTAMP, ?, ?)";
        try (var c = database().dataSource().getConnection(); var duplicate = c.prepareStatement(insert)) {
            duplicate.setString(1, one.id());
            duplicate.setLong(2, q1.seq());
            duplicate.setString(3, one.id());
            assertThatThrownBy(duplicate::executeUpdate).isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23505")); // unique violation
        }
        assertThat(store.transcript(one.id())).extracting(ChatEvent.MessageEvent::text).containsExactly("?", "??", "một");
        assertThat(store.transcript(two.id())).extracting(ChatEvent.MessageEvent::text).containsExactly("?", "một");
    }

    @Test
    void pending_turns_are_the_unanswered_messages_of_conversations_the_bot_handles() {
        // given
        Conversation answered = newConversation();
        var q1 = store.appendMessage(answered.id(), "user", "answered", "a1", List.of(), List.of());
        store.appendStatus(answered.id(), ConversationStatus.BOT);
        store.appendReply(answered.id(), q1.seq(), "bot", "ok", List.of(), List.of());

        Conversation cutShort = newConversation();
        var q2 = store.appendMessage(cutShort.id(), "user", "first", "b1", List.of(), List.of());
        store.appendStatus(cutShort.id(), ConversationStatus.BOT);
        store.appendReply(cutShort.id(), q2.seq(), "bot", "ok", List.of(), List.of());
        var q3 = store.appendMessage(cutShort.id(), "user", "second", "b2", List.of(), List.of());
        var q4 = store.appendMessage(cutShort.id(), "user", "third", "b3", List.of(), List.of());

        Conversation withHuman = newConversation();
        store.appendMessage(withHuman.id(), "user", "for a person", "c1", List.of(), List.of());
        store.appendStatus(withHuman.id(), ConversationStatus.WAITING_AGENT);

        // when
        List<PendingTurn> pending = store.pendingTurns().stream()
                .filter(p -> List.of(answered.id(), cutShort.id(), withHuman.id()).contains(p.conversationId())).toList();

        // then
        assertThat(pending).containsExactly(new PendingTurn(cutShort.id(), q3.seq(), "second"),
                new PendingTurn(cutShort.id(), q4.seq(), "third"));
    }
}
