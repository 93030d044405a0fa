package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery promise against crashes: a real server process, many conversations, SIGKILL at a
 * random moment, again and again; then every acked message is stored exactly once, every client
 * saw every event exactly once and in order, and every user message got exactly one bot reply.
 */
class ServerCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CYCLES = Integer.getInteger("tandem.crash.cycles", 10);
    private static final int CLIENTS = Integer.getInteger("tandem.crash.clients", 20);

    @TempDir
    Path dir;

    @Test
    void acked_messages_and_events_survive_repeated_sigkill_exactly_once_in_order() throws Exception {
        // given
        Path data = dir.resolve("data");
        Path knowledge = ServerProcess.tinyKnowledge(dir.resolve("knowledge"));
        Path log = dir.resolve("server.log");
        List<CrashClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) clients.add(new CrashClient(i));

        // when: traffic, then SIGKILL at a random moment, CYCLES times
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (var server = ServerProcess.start(data, knowledge, log)) {
                for (CrashClient client : clients) {
                    client.connect(server.port());
                    client.resendOutbox();
                }
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(100, 700));
                while (System.nanoTime() < killAt) {
                    for (CrashClient client : clients) client.sendNew();
                    Thread.sleep(50); // about 20 messages a second per conversation: busy, not a flood
                }
                server.kill();
                Thread.sleep(100); // frames already on the wire arrive
                clients.forEach(CrashClient::disconnect);
            }
        }

        // then: after a last restart every client catches up and every outbox empties
        try (var server = ServerProcess.start(data, knowledge, log)) {
            for (CrashClient client : clients) {
                client.connect(server.port());
                client.resendOutbox();
            }
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    clients.forEach(CrashClient::absorb);
                    return clients.stream().allMatch(c -> c.outbox.isEmpty()) && allAnswered(server, clients);
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                for (CrashClient c : clients) {
                    System.out.printf("client %d outbox=%d acked=%d lastSeq=%d transcript=%s%n", c.number, c.outbox.size(),
                            c.acked.size(), c.lastSeq, transcript(server, c.conversationId));
                }
                String serverLog = server.log();
                System.out.println(serverLog.substring(Math.max(0, serverLog.length() - 20_000)));
                throw e;
            }
            Thread.sleep(300);
            int acked = 0;
            for (CrashClient client : clients) {
                client.absorb();
                JsonNode transcript = transcript(server, client.conversationId);
                List<String> userCids = new ArrayList<>();
                transcript.path("messages").forEach(m -> {
                    if (m.path("role").asText().equals("user")) userCids.add(m.path("cid").asText());
                });
                assertThat(userCids).as("client %d: user messages stored", client.number)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(client.acked);
                assertThat(client.lastSeq).as("client %d saw up to the newest seq", client.number)
                        .isEqualTo(transcript.path("lastSeq").asLong());
                assertThat(client.violations).as("client %d: events out of order or repeated", client.number).isEmpty();
                acked += client.acked.size();
                client.disconnect();
            }
            System.out.printf("crash test: %d cycles, %d clients, %d acked messages, all present once%n", CYCLES, CLIENTS, acked);
            assertThat(acked).isGreaterThan(CLIENTS * CYCLES);
        }
    }

    @Test
    void a_second_process_on_the_same_data_dir_fails_fast_with_a_clear_message() throws Exception {
        // given
        Path data = dir.resolve("data");
        Path knowledge = ServerProcess.tinyKnowledge(dir.resolve("knowledge"));
        try (var first = ServerProcess.start(data, knowledge, dir.resolve("first.log"))) {
            // when
            var second = ServerProcess.launch(data, knowledge, dir.resolve("second.log"), Map.of());
            boolean exited = second.process().waitFor(60, TimeUnit.SECONDS);

            // then
            assertThat(exited).as("second process exits by itself").isTrue();
            assertThat(second.process().exitValue()).isEqualTo(1);
            assertThat(second.log()).contains("cannot start").contains("another Tandem process");
            assertThat(first.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** Every user message has exactly one bot message after it answering it (the replies are serial per conversation). */
    private static boolean allAnswered(ServerProcess server, List<CrashClient> clients) throws Exception {
        for (CrashClient client : clients) {
            JsonNode messages = transcript(server, client.conversationId).path("messages");
            long users = 0;
            long bots = 0;
            for (JsonNode m : messages) {
                if (m.path("role").asText().equals("user")) users++;
                if (m.path("role").asText().equals("bot")) bots++;
            }
            if (bots > users) throw new AssertionError("client " + client.number + ": more bot replies than messages");
            if (bots < users) return false;
        }
        return true;
    }

    private static JsonNode transcript(ServerProcess server, String conversationId) throws Exception {
        var response = server.get("/api/admin/conversations/" + conversationId + "/messages");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
