package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.durableSeqs;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crash between the journal write and its apply: the server runs with the apply held
 * ({@code -Dtandem.journal.holdApply=true}), so every acked user message and every bot reply is only
 * in the journal (status changes, which commit to the database, interleave with them); it is
 * killed with SIGKILL in that state. Before the kill the journaled messages already answer
 * resends, transcripts and replays; after the restart the journal is replayed before pending turns
 * are recovered, and every acked message is present once, with its seq, and answered once.
 */
class JournalCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONVERSATIONS = 5, MESSAGES = 8;

    @TempDir
    Path dir;

    @Test
    void acked_messages_only_in_the_journal_survive_sigkill_once_with_their_seqs() throws Exception {
        // given: a server whose journal is never applied while it runs
        Path data = dir.resolve("data");
        Path knowledge = ServerProcess.tinyKnowledge(dir.resolve("knowledge"));
        Path log = dir.resolve("server.log");
        Map<String, Map<String, Long>> ackedSeqs = new LinkedHashMap<>(); // conversation → cid → acked seq
        Map<String, String> visitors = new HashMap<>();
        Map<String, Long> lastSeqSeen = new HashMap<>();
        int botRepliesSeen = 0;
        var held = ServerProcess.launch(data, knowledge, log, Map.of("JAVA_TOOL_OPTIONS", "-Dtandem.journal.holdApply=true"));
        try (held) {
            held.awaitHealthy(Duration.ofSeconds(90));
            List<WsTestClient> clients = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                var client = WsTestClient.connect(held.port());
                clients.add(client);
                JsonNode welcome = hello(client);
                String conversation = welcome.path("conversationId").asText();
                visitors.put(conversation, welcome.path("visitorId").asText());
                Map<String, Long> seqs = new LinkedHashMap<>();
                for (int m = 0; m < MESSAGES; m++) {
                    String cid = cid();
                    message(client, cid, "tin " + m);
                    seqs.put(cid, ack(client, cid));
                }
                ackedSeqs.put(conversation, seqs);
            }

            // when: the journal holds them, resends and reads are answered from it
            assertThat(Files.size(data.resolve("tandem.journal"))).as("acked messages wait in the journal").isPositive();
            for (int i = 0; i < CONVERSATIONS; i++) {
                WsTestClient client = clients.get(i);
                String conversation = ackedSeqs.keySet().stream().toList().get(i);
                Map<String, Long> seqs = ackedSeqs.get(conversation);
                String first = seqs.keySet().iterator().next();
                int acksBefore = acks(client, first);
                message(client, first, "tin 0");
                await().atMost(Frames.WAIT).until(() -> acks(client, first) == acksBefore + 1);
                assertThat(lastAck(client, first)).as("a resent cid gets its journaled seq").isEqualTo(seqs.get(first));
                assertThat(userCids(transcript(held, conversation))).as("transcript merges the journal")
                        .containsExactlyElementsOf(seqs.keySet());
            }
            // a resume from seq 0 replays the journaled messages with the committed events, in order, once
            try (var resumed = WsTestClient.connect(held.port())) {
                String conversation = ackedSeqs.keySet().iterator().next();
                hello(resumed, visitors.get(conversation), conversation, 0);
                await().atMost(Frames.WAIT).until(() -> durableSeqs(resumed).containsAll(ackedSeqs.get(conversation).values()));
                List<Long> replayed = durableSeqs(resumed);
                assertThat(replayed).doesNotHaveDuplicates().isSorted();
                assertThat(replayed.getFirst()).isEqualTo(1);
                assertThat(replayed.getLast()).isEqualTo(replayed.size());
            }
            for (int i = 0; i < CONVERSATIONS; i++) {
                WsTestClient client = clients.get(i);
                lastSeqSeen.put(ackedSeqs.keySet().stream().toList().get(i), durableSeqs(client).stream().mapToLong(Long::longValue).max().orElse(0));
            }
            for (WsTestClient client : clients) botRepliesSeen += botReplies(client);
            held.kill(); // SIGKILL with every acked user message (and every bot reply sent) journaled and none applied
            clients.forEach(WsTestClient::close);
        }

        // then: the restart replays the journal, and everything acked is there once with its seq
        try (var server = ServerProcess.start(data, knowledge, log)) {
            // the acked user messages and the bot replies (journaled too, before they are sent), each at most once
            var replayed = java.util.regex.Pattern.compile("journal replayed: \\d+ records, (\\d+) not yet in the database").matcher(server.log());
            assertThat(replayed.find()).as("the journal was replayed").isTrue();
            assertThat(Integer.parseInt(replayed.group(1))).isBetween(CONVERSATIONS * MESSAGES + botRepliesSeen, 2 * CONVERSATIONS * MESSAGES);
            for (var conversation : ackedSeqs.entrySet()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> answered(transcript(server, conversation.getKey())));
                JsonNode transcript = transcript(server, conversation.getKey());
                assertThat(userCids(transcript)).containsExactlyElementsOf(conversation.getValue().keySet());
                for (JsonNode m : transcript.path("messages")) {
                    if (m.path("role").asText().equals("user")) {
                        assertThat(m.path("seq").asLong()).isEqualTo(conversation.getValue().get(m.path("cid").asText()));
                    }
                }
                try (var client = WsTestClient.connect(server.port())) {
                    String conversationId = conversation.getKey();
                    long seen = lastSeqSeen.get(conversationId);
                    JsonNode welcome = hello(client, visitors.get(conversationId), conversationId, seen);
                    assertThat(welcome.path("conversationId").asText()).isEqualTo(conversationId);
                    long last = transcript.path("lastSeq").asLong();
                    await().atMost(Frames.WAIT).until(() -> durableSeqs(client).size() == last - seen);
                    assertThat(durableSeqs(client)).as("replay after the restart: the missed events, once, in order")
                            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(seen + 1, last).boxed().toList());
                    String first = conversation.getValue().keySet().iterator().next();
                    message(client, first, "tin 0");
                    assertThat(ack(client, first)).as("a resend after the restart").isEqualTo(conversation.getValue().get(first));
                }
            }
            assertThat(Files.size(data.resolve("tandem.journal"))).as("the replayed journal is emptied").isZero();
        }
    }

    private static int botReplies(WsTestClient client) {
        return (int) client.seen().stream().filter(f -> f.path("type").asText().equals("message") && f.path("role").asText().equals("bot")).count();
    }

    private static int acks(WsTestClient client, String cid) {
        return (int) client.seen().stream().filter(f -> f.path("type").asText().equals("ack") && f.path("cid").asText().equals(cid)).count();
    }

    private static long lastAck(WsTestClient client, String cid) {
        return client.seen().stream().filter(f -> f.path("type").asText().equals("ack") && f.path("cid").asText().equals(cid))
                .reduce((a, b) -> b).orElseThrow().path("seq").asLong();
    }

    private static List<String> userCids(JsonNode transcript) {
        List<String> cids = new ArrayList<>();
        transcript.path("messages").forEach(m -> {
            if (m.path("role").asText().equals("user")) cids.add(m.path("cid").asText());
        });
        return cids;
    }

    /** Every user message has its one bot reply. */
    private static boolean answered(JsonNode transcript) {
        long users = 0, bots = 0;
        for (JsonNode m : transcript.path("messages")) {
            if (m.path("role").asText().equals("user")) users++;
            if (m.path("role").asText().equals("bot")) bots++;
        }
        if (bots > users) throw new AssertionError("more bot replies than messages: " + transcript);
        return bots == users;
    }

    private static JsonNode transcript(ServerProcess server, String conversationId) throws Exception {
        var response = server.get("/api/admin/conversations/" + conversationId + "/messages");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
