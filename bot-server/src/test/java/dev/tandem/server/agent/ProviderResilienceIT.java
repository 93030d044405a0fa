package dev.tandem.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.agent.StubOpenAiServer.Garbage;
import dev.tandem.server.agent.StubOpenAiServer.Hang;
import dev.tandem.server.agent.StubOpenAiServer.Status;
import dev.tandem.server.agent.StubOpenAiServer.Stream;
import dev.tandem.server.agent.StubOpenAiServer.ToolCall;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationStatus;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-compatible wire path against a stub server: streaming, tools, errors, hangs, garbage. */
class ProviderResilienceIT {

    private static final String QUESTION = "may loc nuoc bao hanh bao lau?";

    private final AgentFixture fixture = AgentFixture.shared();
    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private StubOpenAiServer stub;
    private AgentResponder responder;

    @BeforeEach
    void start() throws Exception {
        stub = new StubOpenAiServer();
        var settings = new ResilientStreamingChatModel.Settings(
                Duration.ofMillis(2_000), Duration.ofMillis(600), 3, Duration.ofMillis(50), Duration.ofSeconds(2));
        responder = AgentFactory.responder(new AgentFactory.Provider("openai", stub.baseUrl(), "test-key", "stub-model"),
                fixture.knowledge, fixture.memory, fixture.accounts, fixture::identityOf, (id, reason) -> {},
                model -> new ResilientStreamingChatModel(model, settings, new CircuitBreaker(4, Duration.ofSeconds(30), Clock.systemUTC())));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Reply ask(String text) {
        String id = fixture.conversation(Identity.anonymous());
        return responder.answer(new Conversation(id, "v", Identity.anonymous(), ConversationStatus.BOT, "vi", 1), text, deltas::add);
    }

    private static void assertOfflineFallback(Reply reply) {
        assertThat(reply.text()).contains("24 tháng").contains("nhân viên hỗ trợ");
        assertThat(reply.citations()).isNotEmpty();
        assertThat(reply.offerHuman()).isTrue();
    }

    @Test
    void streams_deltas_then_a_final_answer_with_citations() {
        // given
        stub.then(new Stream(List.of("Máy lọc nước ", "bảo hành ", "24 tháng [1]."), 0, 5));

        // when
        Reply reply = ask(QUESTION);

        // then
        assertThat(deltas).containsExactly("Máy lọc nước ", "bảo hành ", "24 tháng [1].");
        assertThat(reply.text()).isEqualTo("Máy lọc nước bảo hành 24 tháng [1].");
        assertThat(reply.citations()).hasSize(1);
        assertThat(reply.audit()).singleElement().asString().contains("@");
        JsonNode request = stub.requests.getFirst();
        assertThat(request.path("stream").asBoolean()).isTrue();
        assertThat(request.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(request.path("messages").toString()).contains("SOURCES");
        assertThat(request.path("tools").toString()).contains("warrantyStatus").doesNotContain("conversationId");
    }

    @Test
    void consecutive_streams_reuse_one_kept_alive_connection() {
        // given
        for (int i = 0; i < 4; i++) stub.then(new Stream(List.of("Máy lọc nước ", "bảo hành 24 tháng [1]."), 0, 5));

        // when / then: each of four turns in a row streams its answer
        for (int i = 0; i < 4; i++) {
            deltas.clear();
            Reply reply = ask(QUESTION);
            assertThat(deltas).containsExactly("Máy lọc nước ", "bảo hành 24 tháng [1].");
            assertThat(reply.text()).contains("24 tháng");
        }
        assertThat(stub.requests).hasSize(4);
        assertThat(stub.clientEnds).as("TCP connections the four requests came on").hasSize(1);
    }

    @Test
    void a_tool_call_over_the_wire_runs_the_tool_and_sends_its_result_back() {
        // given
        stub.then(new ToolCall("warrantyStatus", "{\"serialOrOrder\":\"MH-AF80D-25094417\"}"),
                new Stream(List.of("Your air fryer is covered."), 0, 0));

        // when
        Reply reply = ask("Is MH-AF80D-25094417 under warranty?");

        // then
        assertThat(reply.text()).isEqualTo("Your air fryer is covered.");
        assertThat(reply.audit()).contains("tool:warrantyStatus");
        assertThat(stub.requests).hasSize(2);
        JsonNode toolMessage = stub.requests.get(1).path("messages").findParents("role").stream()
                .filter(m -> m.path("role").asText().equals("tool")).findFirst().orElseThrow();
        assertThat(toolMessage.path("content").asText()).contains("\"status\":\"ok\"").contains("MH-AF80D");
    }

    @Test
    void a_server_error_is_retried_and_then_answered() {
        stub.then(new Status(500, null), new Stream(List.of("Bảo hành 24 tháng [1]."), 0, 0));

        Reply reply = ask(QUESTION);

        assertThat(reply.text()).isEqualTo("Bảo hành 24 tháng [1].");
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void retry_after_is_honoured() {
        stub.then(new Status(429, 1), new Stream(List.of("OK [1]."), 0, 0));

        long started = System.nanoTime();
        Reply reply = ask(QUESTION);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(reply.text()).isEqualTo("OK [1].");
    }

    @Test
    void a_provider_that_keeps_failing_gets_bounded_retries_then_the_offline_answer() {
        stub.otherwise(request -> new Status(500, null));

        Reply reply = ask(QUESTION);

        assertOfflineFallback(reply);
        assertThat(stub.requests).hasSize(3);
    }

    @Test
    void a_client_error_is_not_retried() {
        stub.otherwise(request -> new Status(400, null));

        assertOfflineFallback(ask(QUESTION));
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void no_first_token_in_time_falls_back_without_waiting_for_the_provider() {
        stub.then(new Hang(0, 10_000));

        long started = System.nanoTime();
        Reply reply = ask(QUESTION);

        assertOfflineFallback(reply);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void a_stream_that_stalls_midway_falls_back_after_the_inactivity_timeout() {
        stub.then(new Hang(2, 10_000));

        long started = System.nanoTime();
        Reply reply = ask(QUESTION);

        assertThat(deltas).hasSize(2);
        assertOfflineFallback(reply);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void malformed_json_in_the_stream_is_treated_as_a_failure() {
        stub.then(new Garbage());

        assertOfflineFallback(ask(QUESTION));
        assertThat(stub.requests).hasSize(1);
    }

    @Test
    void the_circuit_opens_after_repeated_failures_and_stops_calling_the_provider() {
        stub.otherwise(request -> new Status(503, null));

        ask(QUESTION);
        ask(QUESTION);
        int callsWhenOpen = stub.requests.size();
        Reply third = ask(QUESTION);

        assertThat(callsWhenOpen).isBetween(4, 6);
        assertThat(stub.requests).hasSize(callsWhenOpen);
        assertOfflineFallback(third);
    }
}
