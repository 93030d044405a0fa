package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What happens around a stop: turns cut short are answered at the next start; a graceful stop says goodbye properly. */
class RecoveryAndShutdownIT {

    @TempDir
    Path dataDir;

    @Test
    void a_message_left_unanswered_by_a_killed_process_is_answered_once_at_the_next_start() throws Exception {
        // given: what a process killed mid-turn leaves behind
        ServerConfig config = ServerConfig.fromEnv(Map.of("TANDEM_DATA_DIR", dataDir.toString()));
        String unanswered;
        String answered;
        String withHuman;
        try (var database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())) {
            var store = new JdbcConversationStore(database.dataSource(), new ObjectMapper(), Clock.systemUTC());
            String visitor = UUID.randomUUID().toString();
            unanswered = store.create(visitor, Identity.anonymous(), "vi").id();
            store.appendMessage(unanswered, "user", "cut short", "u1", List.of(), List.of());
            store.appendStatus(unanswered, ConversationStatus.BOT);
            answered = store.create(visitor, Identity.anonymous(), "vi").id();
            var q = store.appendMessage(answered, "user", "done", "a1", List.of(), List.of());
            store.appendReply(answered, q.seq(), "bot", "echo: done", List.of(), List.of());
            withHuman = store.create(visitor, Identity.anonymous(), "vi").id();
            store.appendMessage(withHuman, "user", "a person please", "h1", List.of(), List.of());
            store.appendStatus(withHuman, ConversationStatus.WAITING_AGENT);
        }

        // when
        var bot = ScriptedBot.echo();
        try (var server = EngineServer.start(dataDir, bot)) {
            // then
            await().atMost(Frames.WAIT).until(() -> botTexts(server, unanswered).contains("echo: cut short"));
            Thread.sleep(300);
            assertThat(botTexts(server, unanswered)).containsExactly("echo: cut short");
            assertThat(botTexts(server, answered)).containsExactly("echo: done");
            assertThat(botTexts(server, withHuman)).isEmpty();
            assertThat(bot.turns()).isEqualTo(1);
        }
    }

    @Test
    void graceful_stop_finishes_the_turn_under_way_flushes_the_error_then_closes_with_1001() throws Exception {
        // given: a bot that takes a while, and a turn under way
        var server = EngineServer.start(dataDir, new ScriptedBot(1, 4, Duration.ofMillis(1_500)));
        int port = server.port();
        try (var client = WsTestClient.connect(port)) {
            hello(client);
            String cid = cid();
            message(client, cid, "slow question");
            ack(client, cid);
            Frames.seen(client, "typing", f -> true);

            // when
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(200);

            // then: no new sockets, the turn's answer arrives, then the error, then 1001
            assertThatThrownBy(() -> WsTestClient.connect(port)).isNotNull();
            assertThat(client.closed().get(20, TimeUnit.SECONDS)).isEqualTo(1001);
            stopping.get(20, TimeUnit.SECONDS);
            List<String> tail = client.seen().stream().map(f -> f.path("type").asText() + ":"
                    + f.path("role").asText(f.path("code").asText())).toList();
            assertThat(tail).containsSubsequence("message:bot", "error:shutting_down");
            assertThat(tail.getLast()).isEqualTo("error:shutting_down");
        }
        // and the answer was stored: a restart has nothing left to answer
        var bot = ScriptedBot.echo();
        try (var again = EngineServer.start(dataDir, bot)) {
            Thread.sleep(300);
            assertThat(botTexts(again, conversationOf(again))).containsExactly("echo: slow question");
            assertThat(bot.turns()).isZero();
        }
    }

    private static String conversationOf(EngineServer server) throws Exception {
        try (var c = server.jdbc(); var rs = c.createStatement().executeQuery("SELECT id FROM conversations")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> botTexts(EngineServer server, String conversation) {
        return server.conversations().transcript(conversation).stream()
                .filter(m -> m.role().equals("bot")).map(ChatEvent.MessageEvent::text).toList();
    }
}
