package dev.tandem.server.agent.bench;

import dev.tandem.server.agent.StubOpenAiServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The agent benchmark's overhead against the stub's own stamped times (its "vs stub" lines). */
class VsStubTest {

    private static final long MS = 1_000_000L;

    @Test
    void the_first_delta_and_each_gap_are_measured_against_the_stamps_even_when_a_stamp_is_split_over_deltas() {
        // the stub sent token 0 at 304 ms (4 ms late), token 1 at 330 ms, token 2 at 355 ms
        List<String> texts = List.of("tok0t304000 ", "tok1t33", "0000 ", "tok2t355000 ");
        List<Long> times = List.of(310 * MS, 331 * MS, 338 * MS, 380 * MS);

        AgentBench.VsStub vs = AgentBench.vsStub(0, times, texts);

        assertThat(vs.firstDeltaOverheadMs()).isCloseTo(6.0, within(1e-9)); // 310 − 304, not 310 − 300
        // token 1 completed by the third delta: gap 338 − 310 = 28 against the stub's 26; then 42 against 25
        assertThat(vs.gapExcessMs()).hasSize(2);
        assertThat(vs.gapExcessMs().get(0)).isCloseTo(2.0, within(1e-9));
        assertThat(vs.gapExcessMs().get(1)).isCloseTo(17.0, within(1e-9));
    }

    @Test
    void unstamped_tokens_give_nothing() {
        assertThat(AgentBench.vsStub(0, List.of(300 * MS, 325 * MS), List.of("tok0 ", "tok1 "))).isNull();
    }

    @Test
    void the_stub_stamps_each_token_with_its_own_time_since_the_request() throws IOException, InterruptedException {
        try (var stub = new StubOpenAiServer().stampTokens()) {
            stub.otherwise(request -> new StubOpenAiServer.Stream(List.of("tok0 ", "tok1 ", "tok2 "), 40, 20));
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"stub\",\"stream\":true,\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            Matcher stamps = StubOpenAiServer.STAMP.matcher(response.body());
            long previous = -1;
            for (int token = 0; token < 3; token++) {
                assertThat(stamps.find()).as("token %d", token).isTrue();
                assertThat(stamps.group(1)).isEqualTo(String.valueOf(token));
                long micros = Long.parseLong(stamps.group(2));
                assertThat(micros).isGreaterThanOrEqualTo(token == 0 ? 40_000 : previous + 20_000);
                previous = micros;
            }
        }
    }
}
