package dev.tandem.server.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TurnSchedulerTest {

    @Test
    void with_an_answer_nice_value_answers_are_composed_on_answering_threads_with_the_lower_os_priority() throws Exception {
        // given: Linux with renice, where the priority can be read back
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")) && OsThreadPriority.niceOfCurrentThread().isPresent());
        int own = OsThreadPriority.niceOfCurrentThread().getAsInt();
        assumeTrue(own < 7, "the test process itself runs at nice " + own);
        try (var turns = new TurnScheduler(2, 7)) {
            AtomicReference<String> thread = new AtomicReference<>();
            AtomicReference<OptionalInt> nice = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            // when
            turns.submit("c1", () -> {
                String answer = turns.answering(() -> {
                    thread.set(Thread.currentThread().getName());
                    nice.set(OsThreadPriority.niceOfCurrentThread());
                    return "ok";
                });
                if (answer.equals("ok")) done.countDown();
            });
            // then
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get()).startsWith("turn-answer-");
            assertThat(nice.get()).hasValue(7);
            assertThat(OsThreadPriority.niceOfCurrentThread()).hasValue(own); // the caller's own thread is untouched
        }
    }

    @ParameterizedTest(name = "answer nice {0}")
    @ValueSource(ints = {0, 5})
    void no_more_than_max_running_answers_are_composed_at_once_and_all_are_answered(int nice) throws Exception {
        try (var turns = new TurnScheduler(2, nice)) {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch answered = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                turns.submit("c" + i, () -> {
                    turns.answering(() -> {
                        most.accumulateAndGet(now.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        now.decrementAndGet();
                        return null;
                    });
                    answered.countDown();
                });
            }
            assertThat(answered.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(most.get()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "answer nice {0}")
    @ValueSource(ints = {0, 5})
    void a_failing_answer_fails_its_turn_with_the_same_exception(int nice) {
        try (var turns = new TurnScheduler(1, nice)) {
            var failure = new IllegalStateException("provider down");
            assertThatThrownBy(() -> turns.answering(() -> {
                throw failure;
            })).isSameAs(failure);
        }
    }

    @ParameterizedTest(name = "answer nice {0}")
    @ValueSource(ints = {0, 5})
    void a_turn_interrupted_while_its_answer_waits_for_a_place_ends_without_it(int nice) throws Exception {
        try (var turns = new TurnScheduler(1, nice)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch occupied = new CountDownLatch(1);
            Thread holder = Thread.ofVirtual().start(() -> turns.answering(() -> {
                occupied.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(occupied.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicInteger ran = new AtomicInteger();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    turns.answering(ran::incrementAndGet);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Thread.sleep(100);
            waiter.interrupt();
            waiter.join(10_000);
            release.countDown();
            holder.join(10_000);
            Thread.sleep(100);
            assertThat(thrown.get()).isInstanceOf(TurnScheduler.Interrupted.class);
            assertThat(ran.get()).isZero(); // cancelled before it ran
        }
    }
}
