package dev.tandem.server.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import dev.tandem.server.store.StoreException;
import dev.tandem.server.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * The service keeps each conversation's status and identity in memory so that a message does not
 * read the conversations row; these tests show that what it keeps never answers for a conversation
 * the store says a human has, or with an identity older than the stored one.
 */
class ConversationServiceTest {

    @TempDir
    Path dir;
    Database database;

    JdbcConversationStore store;
    /** The conversation and text of every bot turn, in the order the responder was called. */
    final BlockingQueue<Conversation> asked = new LinkedBlockingQueue<>();
    final Responder responder = new Responder() {
        @Override
        public Reply answer(Conversation conversation, String text, Consumer<String> deltas) {
            asked.add(conversation);
            return new Reply("ok", List.of(), List.of(), false);
        }
    };
    /** Hands a message to a human when it says so. */
    final Escalations humans = new Escalations() {
        @Override
        public Optional<String> reasonFor(Conversation conversation, String text) {
            return text.contains("human") ? Optional.of("asked_for_human") : Optional.empty();
        }

        @Override
        public String handOff(Conversation conversation, String reason, String text) {
            return "A person will answer.";
        }
    };
    ConversationService service;

    @BeforeEach
    void start() {
        database = TestDatabases.h2File(dir);
        store = new JdbcConversationStore(database.dataSource(), new ObjectMapper(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        service.drain(Duration.ofSeconds(5));
        service.close();
        database.close();
    }

    @Test
    void after_a_handoff_the_next_message_starts_no_bot_turn() throws Exception {
        service = new ConversationService(store, responder, humans);
        Conversation c = openNew(Identity.anonymous());
        service.post(c.id(), "c1", "xin chào", new Quiet());
        assertThat(asked.poll(10, TimeUnit.SECONDS)).as("the first message is answered by the bot").isNotNull();

        service.post(c.id(), "c2", "a human please", new Quiet());
        service.post(c.id(), "c3", "are you there?", new Quiet());
        service.drain(Duration.ofSeconds(5));

        assertThat(asked).as("no bot turn once a human has the conversation").isEmpty();
        assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(ConversationStatus.WAITING_AGENT);
        assertThat(store.pendingTurns()).noneMatch(turn -> turn.conversationId().equals(c.id()));
    }

    @Test
    void a_status_change_whose_outcome_is_unknown_is_read_again_from_the_store() {
        JdbcConversationStore failing = spy(store);
        AtomicBoolean failed = new AtomicBoolean();
        doAnswer(call -> {
            Object stored = call.callRealMethod();
            if (failed.getAndSet(true)) return stored;
            throw new StoreException("connection lost", null); // committed, but the caller hears of a failure
        }).when(failing).appendStatus(anyString(), any());
        service = new ConversationService(failing, responder, Escalations.none());
        Conversation c = openNew(Identity.anonymous());

        assertThatThrownBy(() -> service.escalate(c.id(), "asked_for_human")).isInstanceOf(StoreException.class);
        service.post(c.id(), "c1", "still there?", new Quiet());
        service.drain(Duration.ofSeconds(5));

        assertThat(store.find(c.id()).orElseThrow().status()).isEqualTo(ConversationStatus.WAITING_AGENT);
        assertThat(asked).as("the bot does not answer a conversation the store says a human has").isEmpty();
        assertThat(store.eventsAfter(c.id(), 0)).as("nor takes it back from the human")
                .filteredOn(e -> e instanceof ChatEvent.StatusEvent).hasSize(1);
    }

    @Test
    void a_visitor_who_signs_in_is_answered_with_the_account_from_the_next_message_on() throws Exception {
        service = new ConversationService(store, responder, humans);
        Conversation c = openNew(Identity.anonymous());
        service.post(c.id(), "c1", "xin chào", new Quiet());
        assertThat(asked.poll(10, TimeUnit.SECONDS).identity().isAnonymous()).isTrue();

        Identity signedIn = new Identity("acc-1", "contact-1", "Lan");
        Conversation resumed = service.open(new OpenRequest(c.visitorId(), c.id(), 2, "vi", signedIn), new Quiet());
        assertThat(resumed.id()).isEqualTo(c.id());
        service.post(c.id(), "c2", "hợp đồng của tôi", new Quiet());

        Identity answeredAs = asked.poll(10, TimeUnit.SECONDS).identity();
        assertThat(answeredAs.accountId()).isEqualTo("acc-1");
        assertThat(answeredAs.contactId()).isEqualTo("contact-1");
    }

    private Conversation openNew(Identity identity) {
        String visitor = UUID.randomUUID().toString();
        return service.open(new OpenRequest(visitor, null, 0, "vi", identity), new Quiet());
    }

    /** A client that keeps nothing: these tests read the store and the responder's calls. */
    private static final class Quiet implements ConversationListener {
        @Override public void welcome(Conversation conversation, long resumedFrom) {}
        @Override public void event(ChatEvent event) {}
        @Override public void ack(String cid, long seq) {}
        @Override public void typing(String role) {}
        @Override public void delta(String text) {}
        @Override public void error(String code, String message) {}
    }
}
