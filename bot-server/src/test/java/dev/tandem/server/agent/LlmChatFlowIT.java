package dev.tandem.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.TandemServer;
import dev.tandem.server.agent.StubOpenAiServer.Status;
import dev.tandem.server.agent.StubOpenAiServer.Stream;
import dev.tandem.server.support.TestServers;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The real server with an OpenAI-compatible provider (the stub): deltas over the WebSocket, and the fallback. */
class LlmChatFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static StubOpenAiServer stub;
    static TandemServer server;

    @BeforeAll
    static void start() throws Exception {
        stub = new StubOpenAiServer();
        server = TandemServer.start(TestServers.config(dataDir, Map.of(
                "TANDEM_LLM_PROVIDER", "openai", "TANDEM_LLM_BASE_URL", stub.baseUrl(),
                "TANDEM_LLM_API_KEY", "test", "TANDEM_LLM_MODEL", "stub-model")));
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
    }

    private static JsonNode ask(WsTestClient client, String text) throws Exception {
        client.send(Map.of("type", "hello", "lang", "vi"));
        client.await("welcome", WAIT);
        client.send(Map.of("type", "message", "cid", UUID.randomUUID().toString(), "text", text));
        return client.await("message", f -> f.path("role").asText().equals("bot"), WAIT);
    }

    @Test
    void the_model_stream_reaches_the_widget_as_delta_frames_then_one_final_message() throws Exception {
        stub.then(new Stream(List.of("Máy lọc nước ", "được bảo hành ", "24 tháng [1]."), 0, 20));
        try (var client = WsTestClient.connect(server.port())) {
            JsonNode answer = ask(client, "may loc nuoc bao hanh bao lau?");

            List<String> deltas = client.seen().stream().filter(f -> f.path("type").asText().equals("delta"))
                    .map(f -> f.path("text").asText()).toList();
            assertThat(deltas).containsExactly("Máy lọc nước ", "được bảo hành ", "24 tháng [1].");
            assertThat(answer.path("text").asText()).isEqualTo("Máy lọc nước được bảo hành 24 tháng [1].");
            assertThat(answer.path("citations").path(0).path("n").asInt()).isEqualTo(1);
        }
    }

    @Test
    void a_failing_provider_still_gives_the_widget_the_offline_answer_and_an_offer_of_a_human() throws Exception {
        stub.then(new Status(500, null), new Status(500, null), new Status(500, null));
        try (var client = WsTestClient.connect(server.port())) {
            JsonNode answer = ask(client, "may loc nuoc bao hanh bao lau?");

            assertThat(answer.path("text").asText()).contains("24 tháng").contains("nhân viên hỗ trợ");
            assertThat(answer.path("citations")).isNotEmpty();
        }
    }
}
