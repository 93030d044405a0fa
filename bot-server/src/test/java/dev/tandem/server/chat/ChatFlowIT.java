package dev.tandem.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.TandemServer;
import dev.tandem.server.support.TestServers;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton, end to end: a real server, a real WebSocket client, the real index and database. */
class ChatFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;
    static TandemServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void vietnamese_question_without_diacritics_is_stored_acked_and_answered_with_a_citation() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            // given
            client.send(Map.of("type", "hello", "lang", "vi"));
            JsonNode welcome = client.await("welcome", WAIT);
            String conversationId = welcome.path("conversationId").asText();
            String cid = UUID.randomUUID().toString();

            // when
            client.send(Map.of("type", "message", "cid", cid, "text", "may loc nuoc bao hanh bao lau?"));

            // then
            JsonNode ack = client.await("ack", f -> f.path("cid").asText().equals(cid), WAIT);
            long seq = ack.path("seq").asLong();
            assertThat(seq).isPositive();
            // acked: already durable in the data dir, in the database or in the journal it is applied from
            assertThat(storedMessage(conversationId, cid) != null || journaled(cid)).as("stored when acked").isTrue();
            await().atMost(WAIT).until(() -> storedMessage(conversationId, cid) != null);
            assertThat(storedMessage(conversationId, cid)).isEqualTo("may loc nuoc bao hanh bao lau?");

            JsonNode answer = client.await("message", f -> f.path("role").asText().equals("bot"), WAIT);
            assertThat(answer.path("seq").asLong()).isGreaterThan(seq);
            assertThat(answer.path("text").asText()).contains("24 tháng").contains("[1]");
            JsonNode citation = answer.path("citations").path(0);
            assertThat(citation.path("n").asInt()).isEqualTo(1);
            assertThat(citation.path("title").asText().toLowerCase()).contains("bảo hành");
        }
    }

    @Test
    void health_reports_database_and_index() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"up\"").contains("\"database\":{\"up\":true")
                .contains("\"index\":{\"up\":true");
    }

    /** True when the journal file holds a record with this cid (UTF-8 inside the binary record). */
    private static boolean journaled(String cid) throws java.io.IOException {
        Path journal = dataDir.resolve("tandem.journal");
        return java.nio.file.Files.exists(journal) && new String(java.nio.file.Files.readAllBytes(journal),
                java.nio.charset.StandardCharsets.ISO_8859_1).contains(cid);
    }

    private static String storedMessage(String conversationId, String cid) throws Exception {
        // a plain JDBC connection to the server's embedded database, outside its pool
        try (var c = TestServers.jdbc(dataDir);
             var select = c.prepareStatement("SELECT body FROM messages WHERE conversation_id = ? AND cid = ? AND role = 'user'")) {
            select.setString(1, conversationId);
            select.setString(2, cid);
            var rs = select.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
