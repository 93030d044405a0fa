package dev.tandem.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the group commit mixes the writes clients wait on (acks) with the server's own (bot output). */
class GroupCommitTest {

    @TempDir
    Path dir;
    Database database;
    GroupCommit writer;
    /** The batch each write ran in, by the write's name. */
    final ConcurrentHashMap<String, Object> batchOf = new ConcurrentHashMap<>();
    final List<Thread> writers = new ArrayList<>();

    @BeforeEach
    void open() {
        database = TestDatabases.h2File(dir);
        writer = GroupCommit.of(database.dataSource(), "conversation");
    }

    @AfterEach
    void close() throws InterruptedException {
        for (Thread t : writers) t.join(10_000);
        database.close();
    }

    @Test
    void bot_writes_queued_before_an_ack_commit_with_it_however_many_there_are() throws Exception {
        // given: the writer is busy with a batch, and meanwhile 100 bot writes queue up, then one ack
        CountDownLatch release = holdTheWriter();
        for (int i = 0; i < 100; i++) submit("bot-" + i, false, () -> {});
        submit("ack", true, () -> {});

        // when the busy batch ends
        release.countDown();

        // then: every bot write queued before the ack ran in the ack's batch (not 32 of them, with the
        // other 68 left behind acks that keep arriving)
        await().atMost(Duration.ofSeconds(10)).until(() -> batchOf.size() == 102);
        Object acks = batchOf.get("ack");
        for (int i = 0; i < 100; i++) assertThat(batchOf.get("bot-" + i)).as("bot-" + i).isSameAs(acks);
        assertThat(batchOf.get("busy")).isNotSameAs(acks);
    }

    @Test
    void an_ack_does_not_wait_for_bot_writes_queued_after_it() throws Exception {
        // given: a busy writer, then one ack, then 300 bot writes
        CountDownLatch release = holdTheWriter();
        submit("ack", true, () -> {});
        for (int i = 0; i < 300; i++) submit("bot-" + i, false, () -> {});

        // when
        release.countDown();

        // then: the ack's batch holds just the background share (32 for one ack), the rest come later
        await().atMost(Duration.ofSeconds(10)).until(() -> batchOf.size() == 302);
        Object acks = batchOf.get("ack");
        long withTheAck = batchOf.values().stream().filter(b -> b == acks).count() - 1;
        assertThat(withTheAck).isEqualTo(32);
    }

    /** Keeps the writer inside a batch of its own ("busy") until the returned latch is released. */
    private CountDownLatch holdTheWriter() throws InterruptedException {
        var busy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        submit("busy", true, () -> {
            busy.countDown();
            release.await(60, TimeUnit.SECONDS);
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Starts a write on a thread of its own and returns once it is queued (its thread waits for the commit). */
    private void submit(String name, boolean ackPath, Step step) {
        GroupCommit.Work<Object> work = batch -> {
            batchOf.put(name, batch);
            step.run();
            return null;
        };
        Thread t = Thread.ofPlatform().name(name).start(() -> {
            try {
                if (ackPath) writer.write(work);
                else writer.writeBackground(work);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writers.add(t);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.TERMINATED);
    }
}
