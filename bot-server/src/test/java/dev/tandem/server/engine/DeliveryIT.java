package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static dev.tandem.server.engine.Frames.WAIT;
import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.botReplyTo;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.durableSeqs;
import static dev.tandem.server.engine.Frames.errorCodes;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The delivery promise over a real socket: idempotent resends, exact replay, several tabs, concurrent writers. */
class DeliveryIT {

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        server = EngineServer.start(dataDir, new ScriptedBot(3, 16, Duration.ofMillis(20)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void resend_with_same_cid_after_a_timeout_is_stored_once_and_answered_once() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            // given
            String conversation = hello(client).path("conversationId").asText();
            String cid = cid();
            message(client, cid, "first try");
            long seq = ack(client, cid);

            // when: the client did not see the ack in time and resends, twice
            message(client, cid, "first try");
            message(client, cid, "first try");

            // then
            assertThat(ack(client, cid)).isEqualTo(seq);
            assertThat(ack(client, cid)).isEqualTo(seq);
            botReplyTo(client, "first try");
            assertExactlyOneMessageAndOneReply(conversation, cid);
        }
    }

    @Test
    void resend_with_same_cid_after_a_reconnect_is_stored_once_and_answered_once() throws Exception {
        // given: a message sent, then the connection drops before the ack is read
        String conversation;
        String visitor;
        String cid = cid();
        try (var first = WsTestClient.connect(server.port())) {
            JsonNode welcome = hello(first);
            conversation = welcome.path("conversationId").asText();
            visitor = welcome.path("visitorId").asText();
            message(first, cid, "lost in the tunnel");
        }
        // when: the widget reconnects and resends what it has no ack for
        try (var second = WsTestClient.connect(server.port())) {
            hello(second, visitor, conversation, 0);
            message(second, cid, "lost in the tunnel");
            long seq = ack(second, cid);

            // then
            assertThat(seq).isPositive();
            botReplyTo(second, "lost in the tunnel");
            assertExactlyOneMessageAndOneReply(conversation, cid);
            assertThat(durableSeqs(second)).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void same_cid_on_two_sockets_at_once_is_stored_once_and_answered_once() throws Exception {
        try (var tabA = WsTestClient.connect(server.port()); var tabB = WsTestClient.connect(server.port())) {
            // given
            JsonNode welcome = hello(tabA);
            String conversation = welcome.path("conversationId").asText();
            hello(tabB, welcome.path("visitorId").asText(), conversation, 0);
            List<String> cids = new ArrayList<>();
            for (int i = 0; i < 10; i++) cids.add(cid());

            // when: both tabs send the same ten cids at the same moment
            var go = new CountDownLatch(1);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sends = new ArrayList<>();
                for (WsTestClient tab : List.of(tabA, tabB)) {
                    sends.add(pool.submit(() -> {
                        go.await();
                        for (String cid : cids) message(tab, cid, "twin " + cid);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> send : sends) send.get();
            }

            // then: both got the same seq for each, one row each, one reply each
            for (String cid : cids) {
                assertThat(ack(tabA, cid)).isEqualTo(ack(tabB, cid));
                botReplyTo(tabA, "twin " + cid);
            }
            for (String cid : cids) assertExactlyOneMessageAndOneReply(conversation, cid);
        }
    }

    @Test
    void reconnect_after_a_missed_range_replays_it_exactly_once_in_order() throws Exception {
        try (var phone = WsTestClient.connect(server.port()); var laptop = WsTestClient.connect(server.port())) {
            // given: the phone has seen the conversation up to some seq, then loses its signal
            JsonNode welcome = hello(phone);
            String conversation = welcome.path("conversationId").asText();
            String visitor = welcome.path("visitorId").asText();
            String first = cid();
            message(phone, first, "before the tunnel");
            botReplyTo(phone, "before the tunnel");
            long lastSeen = durableSeqs(phone).getLast();
            phone.close();

            // when: the conversation goes on elsewhere, then the phone comes back with its lastSeq
            hello(laptop, visitor, conversation, lastSeen);
            for (int i = 0; i < 5; i++) {
                String cid = cid();
                message(laptop, cid, "meanwhile " + i);
                ack(laptop, cid);
                botReplyTo(laptop, "meanwhile " + i);
            }
            long newest = durableSeqs(laptop).getLast();
            try (var back = WsTestClient.connect(server.port())) {
                JsonNode resumed = hello(back, visitor, conversation, lastSeen);

                // then
                assertThat(resumed.path("resumedFrom").asLong()).isEqualTo(lastSeen);
                assertThat(resumed.path("lastSeq").asLong()).isEqualTo(newest);
                await().atMost(WAIT).until(() -> durableSeqs(back).size() >= newest - lastSeen);
                Thread.sleep(200); // nothing more may come
                assertThat(durableSeqs(back)).containsExactlyElementsOf(
                        LongStream.rangeClosed(lastSeen + 1, newest).boxed().toList());
            }
        }
    }

    @Test
    void two_tabs_each_see_every_event_exactly_once_in_order() throws Exception {
        try (var tabA = WsTestClient.connect(server.port()); var tabB = WsTestClient.connect(server.port())) {
            // given
            JsonNode welcome = hello(tabA);
            String conversation = welcome.path("conversationId").asText();
            hello(tabB, welcome.path("visitorId").asText(), conversation, 0);

            // when: both tabs write, interleaved
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                WsTestClient tab = i % 2 == 0 ? tabA : tabB;
                String cid = cid();
                texts.add("tab says " + i);
                message(tab, cid, "tab says " + i);
                ack(tab, cid);
            }
            for (String text : texts) {
                botReplyTo(tabA, text);
                botReplyTo(tabB, text);
            }

            // then: the same gapless sequence in both
            long newest = server.conversations().find(conversation).orElseThrow().lastSeq();
            await().atMost(WAIT).until(() -> durableSeqs(tabA).size() == newest && durableSeqs(tabB).size() == newest);
            List<Long> expected = LongStream.rangeClosed(1, newest).boxed().toList();
            assertThat(durableSeqs(tabA)).containsExactlyElementsOf(expected);
            assertThat(durableSeqs(tabB)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void bot_stream_typing_acks_and_another_tab_write_to_one_socket_concurrently_without_loss() throws Exception {
        try (var reader = WsTestClient.connect(server.port()); var writer = WsTestClient.connect(server.port())) {
            // given: a socket that receives the bot's stream, typing, its own acks and another tab's messages
            JsonNode welcome = hello(reader);
            String conversation = welcome.path("conversationId").asText();
            hello(writer, welcome.path("visitorId").asText(), conversation, 0);

            // when: both send as fast as they can
            List<String> readerCids = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var fromWriter = pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        message(writer, cid(), "w" + i);
                        writer.send(java.util.Map.of("type", "typing"));
                    }
                    return null;
                });
                for (int i = 0; i < 40; i++) {
                    String cid = cid();
                    readerCids.add(cid);
                    message(reader, cid, "r" + i);
                }
                fromWriter.get();
            }

            // then: every ack, every bot reply, every event once, the socket still open, no error
            for (String cid : readerCids) ack(reader, cid);
            for (int i = 0; i < 40; i++) {
                botReplyTo(reader, "r" + i);
                botReplyTo(reader, "w" + i);
            }
            long newest = server.conversations().find(conversation).orElseThrow().lastSeq();
            await().atMost(WAIT).until(() -> durableSeqs(reader).size() == newest);
            assertThat(durableSeqs(reader)).containsExactlyElementsOf(LongStream.rangeClosed(1, newest).boxed().toList());
            assertThat(reader.seen()).anyMatch(f -> f.path("type").asText().equals("delta"))
                    .anyMatch(f -> f.path("type").asText().equals("typing"));
            assertThat(errorCodes(reader)).isEmpty();
            assertThat(reader.closed()).isNotDone();
        }
    }

    @Test
    void admin_transcript_lists_the_conversation_messages_behind_the_admin_token() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            // given
            String conversation = hello(client).path("conversationId").asText();
            String cid = cid();
            message(client, cid, "for the console");
            ack(client, cid);
            botReplyTo(client, "for the console");

            // when
            var withToken = server.get("/api/admin/conversations/" + conversation + "/messages", EngineServer.ADMIN_TOKEN);
            var withoutToken = server.get("/api/admin/conversations/" + conversation + "/messages", null);
            var unknown = server.get("/api/admin/conversations/00000000-0000-0000-0000-000000000000/messages",
                    EngineServer.ADMIN_TOKEN);

            // then
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("\"conversationId\":\"" + conversation + "\"")
                    .contains("\"text\":\"for the console\"").contains("\"text\":\"echo: for the console\"");
            assertThat(withoutToken.statusCode()).isEqualTo(401);
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    private static void assertExactlyOneMessageAndOneReply(String conversation, String cid) throws Exception {
        long seq;
        try (var c = server.jdbc(); var select = c.prepareStatement(
                "SELECT COUNT(*), MIN(seq) FROM messages WHERE conversation_id = ? AND cid = ?")) {
            select.setString(1, conversation);
            select.setString(2, cid);
            var rs = select.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("stored copies of %s", cid).isEqualTo(1);
            seq = rs.getLong(2);
        }
        await().atMost(WAIT).until(() -> botReplies(conversation, seq) >= 1);
        Thread.sleep(100); // a second reply would come right after the first
        assertThat(botReplies(conversation, seq)).as("bot replies to %s", cid).isEqualTo(1);
    }

    private static int botReplies(String conversation, long seq) throws Exception {
        try (var c = server.jdbc(); var select = c.prepareStatement(
                "SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND role = 'bot' AND reply_to = ?")) {
            select.setString(1, conversation);
            select.setLong(2, seq);
            var rs = select.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }
}
