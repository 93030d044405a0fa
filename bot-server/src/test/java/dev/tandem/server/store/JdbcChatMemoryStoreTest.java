package dev.tandem.server.store;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat memory is written behind the turns: no turn waits for a commit, and nothing is lost by a flush or a stop. */
class JdbcChatMemoryStoreTest {

    @TempDir
    Path dir;
    Database database;
    JdbcChatMemoryStore memory;

    @BeforeEach
    void open() {
        database = TestDatabases.h2File(dir);
        memory = new JdbcChatMemoryStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private JdbcChatMemoryStore reopened() {
        return new JdbcChatMemoryStore(database.dataSource(), Clock.systemUTC());
    }

    private static List<ChatMessage> turn(int n) {
        return List.of(UserMessage.from("question " + n), AiMessage.from("answer " + n));
    }

    @Test
    void an_update_does_not_wait_for_a_commit_and_a_flush_writes_every_memory_changed_before_it() throws Exception {
        // given: the store's writer is busy with a long commit
        var busy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                GroupCommit.of(database.dataSource(), "c0").write(b -> {
                    busy.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

        // when: 100 conversations end a turn meanwhile
        Thread turns = Thread.ofVirtual().start(() -> {
            for (int c = 0; c < 100; c++) memory.updateMessages("c" + c, turn(c));
        });

        // then: every update returns while the writer is still busy, and this store reads its own memories
        assertThat(turns.join(Duration.ofSeconds(10))).as("the updates returned without a commit").isTrue();
        assertThat(memory.getMessages("c7")).isEqualTo(turn(7));
        release.countDown();
        holder.join(10_000);
        memory.flush();
        var restarted = reopened();
        for (int c = 0; c < 100; c++) assertThat(restarted.getMessages("c" + c)).as("conversation %d", c).isEqualTo(turn(c));
    }

    @Test
    void the_latest_memory_of_a_conversation_is_the_one_that_stays() {
        // when
        for (int t = 0; t < 5; t++) memory.updateMessages("c", turn(t));
        memory.flush();

        // then
        assertThat(reopened().getMessages("c")).isEqualTo(turn(4));
    }

    @Test
    void a_deletion_is_durable_when_it_returns_and_an_earlier_update_does_not_bring_the_memory_back() {
        // given
        memory.updateMessages("c", turn(1));

        // when
        memory.deleteMessages("c");

        // then
        assertThat(memory.getMessages("c")).isEmpty();
        assertThat(reopened().getMessages("c")).isEmpty();
        memory.flush();
        assertThat(reopened().getMessages("c")).isEmpty();
    }

    @Test
    void a_stop_writes_what_is_left() {
        // given
        memory.updateMessages("c", turn(3));

        // when
        memory.close();

        // then
        assertThat(reopened().getMessages("c")).isEqualTo(turn(3));
    }

    @Test
    void a_failed_write_is_reported_to_a_flush_and_the_memory_stays_readable() {
        // given: the database is gone under the store
        memory.updateMessages("c", turn(2));
        database.close();

        // when / then
        assertThatThrownBy(memory::flush).isInstanceOf(StoreException.class);
        assertThat(memory.getMessages("c")).isEqualTo(turn(2));
    }
}
