package dev.tandem.server.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Identity;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on the default database: an H2 file with the server's own URL settings. */
class JdbcConversationStoreTest extends ConversationStoreContract {

    @TempDir
    static Path dir;
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2File(dir);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    /** The cids of conversations created by this process are known without a read; older ones are read from the database. */
    @Test
    void after_a_restart_a_resent_cid_of_an_older_conversation_returns_its_seq(@TempDir Path own) {
        Conversation c;
        long seq;
        try (Database before = TestDatabases.h2File(own)) {
            var first = new JdbcConversationStore(before.dataSource(), new ObjectMapper(), Clock.systemUTC());
            c = first.create(UUID.randomUUID().toString(), Identity.anonymous(), "vi");
            seq = first.appendUserMessage(c.id(), "cid-before", "trước").seq();
        }
        try (Database after = TestDatabases.h2File(own)) {
            var second = new JdbcConversationStore(after.dataSource(), new ObjectMapper(), Clock.systemUTC());
            var resent = second.appendUserMessage(c.id(), "cid-before", "trước");
            assertThat(resent.isNew()).isFalse();
            assertThat(resent.seq()).isEqualTo(seq);
            assertThat(second.appendUserMessage(c.id(), "cid-after", "sau").seq()).isEqualTo(seq + 1);
            assertThat(second.transcript(c.id())).hasSize(2);
        }
    }

    /** Replies of conversations created by this process are known without a read; older ones are checked in the journal and the database. */
    @Test
    void after_a_restart_a_second_reply_to_a_message_of_an_older_conversation_is_refused(@TempDir Path own) {
        Conversation c;
        long answered;
        try (Database before = TestDatabases.h2File(own)) {
            var first = new JdbcConversationStore(before.dataSource(), new ObjectMapper(), Clock.systemUTC());
            c = first.create(UUID.randomUUID().toString(), Identity.anonymous(), "vi");
            answered = first.appendUserMessage(c.id(), "cid-before", "trước").seq();
            first.appendReply(c.id(), answered, "bot", "một", List.of(), List.of());
        }
        try (Database after = TestDatabases.h2File(own)) {
            var second = new JdbcConversationStore(after.dataSource(), new ObjectMapper(), Clock.systemUTC());
            assertThatThrownBy(() -> second.appendReply(c.id(), answered, "bot", "hai", List.of(), List.of()))
                    .as("answered before the restart: in the database").isInstanceOf(StoreException.class);
            long asked = second.appendUserMessage(c.id(), "cid-after", "sau").seq();
            second.appendReply(c.id(), asked, "bot", "ba", List.of(), List.of());
            assertThatThrownBy(() -> second.appendReply(c.id(), asked, "bot", "bốn", List.of(), List.of()))
                    .as("answered just now: in the journal or the database").isInstanceOf(StoreException.class);
            assertThat(second.transcript(c.id())).extracting(ChatEvent.MessageEvent::text).containsExactly("trước", "một", "sau", "ba");
        }
    }

    @Override
    Database database() {
        return database;
    }
}
