package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.agent.AgentResponder;
import dev.tandem.server.agent.StubOpenAiServer;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Latency of the agent. Offline: question → final answer, p50/p99, at 1 and 50 concurrent
 * conversations (closed loop: each conversation asks again as soon as it is answered). LLM mode
 * against the stub with a fixed first-token delay and token gap: time to first delta minus the
 * stub's delay (our overhead) and the inter-token gap minus the stub's gap (jitter we add), at 50
 * and 200 concurrent streams. Usage: {@code AgentBench [corpusDir] [questions.jsonl]}; prints one
 * JSON object as its last line.
 */
public final class AgentBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STUB_FIRST_TOKEN_MS = 300;
    private static final long STUB_GAP_MS = 25;
    private static final int STUB_TOKENS = 16;

    record Question(String text, Identity who) {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "demo/knowledge").toAbsolutePath().normalize();
        Path questionsFile = Path.of(args.length > 1 ? args[1] : "demo/eval/dev-questions.jsonl");
        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(questionsFile)) {
            if (line.isBlank()) continue;
            JsonNode q = JSON.readTree(line);
            questions.add(new Question(q.path("question").asText(), EvalSetup.identity(q.path("audience").asText("public"))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        try (var setup = new EvalSetup(corpus, corpus); var stub = new StubOpenAiServer()) {
            AgentResponder offline = AgentFactory.responder(new AgentFactory.Provider("offline", "", "", ""),
                    setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, r) -> {});
            run(offline, setup, questions, 1, 100, null); // warm-up
            out.put("offline_c1", summary(run(offline, setup, questions, 1, 200, null).total));
            out.put("offline_c50", summary(run(offline, setup, questions, 50, Integer.getInteger("bench.turns50", 20), null).total));
            out.put("retrieval_only_c1", summary(searchOnly(setup, questions, 200)));
            if (Boolean.getBoolean("bench.offlineOnly")) {
                System.out.println(JSON.writeValueAsString(out));
                return;
            }

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < STUB_TOKENS; i++) tokens.add("tok" + i + " ");
            stub.otherwise(request -> new StubOpenAiServer.Stream(tokens, STUB_FIRST_TOKEN_MS, STUB_GAP_MS));
            AgentResponder llm = AgentFactory.responder(new AgentFactory.Provider("openai", stub.baseUrl(), "bench", "stub"),
                    setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, r) -> {});
            run(llm, setup, questions, 20, 3, new ArrayList<>()); // warm-up
            for (int streams : new int[]{1, 50, 200}) {
                var r = run(llm, setup, questions, streams, streams == 1 ? 30 : streams == 50 ? 6 : 3, new ArrayList<>());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("first_delta_overhead_ms", summary(r.firstDeltaOverhead));
                m.put("inter_token_jitter_ms", summary(r.jitter));
                m.put("turns", r.total.size());
                out.put("llm_streams_" + streams, m);
            }
        }
        System.out.println(JSON.writeValueAsString(out));
    }

    /** Latencies of one run, in milliseconds. */
    record Run(List<Double> total, List<Double> firstDeltaOverhead, List<Double> jitter) {}

    private static Run run(AgentResponder responder, EvalSetup setup, List<Question> questions, int conversations,
                           int turnsEach, List<Double> unused) throws Exception {
        List<Double> total = new CopyOnWriteArrayList<>();
        List<Double> overhead = new CopyOnWriteArrayList<>();
        List<Double> jitter = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                int seed = c;
                running.add(pool.submit(() -> {
                    for (int t = 0; t < turnsEach; t++) {
                        Question q = questions.get((seed * 7919 + t * 104729) % questions.size());
                        Conversation conversation = setup.conversation(q.who());
                        List<Long> deltaTimes = new ArrayList<>();
                        long start = System.nanoTime();
                        responder.answer(conversation, q.text(), d -> deltaTimes.add(System.nanoTime()));
                        total.add((System.nanoTime() - start) / 1e6);
                        if (!deltaTimes.isEmpty()) {
                            overhead.add((deltaTimes.getFirst() - start) / 1e6 - STUB_FIRST_TOKEN_MS);
                            for (int i = 1; i < deltaTimes.size(); i++) {
                                jitter.add(Math.abs((deltaTimes.get(i) - deltaTimes.get(i - 1)) / 1e6 - STUB_GAP_MS));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return new Run(total, overhead, jitter);
    }

    private static List<Double> searchOnly(EvalSetup setup, List<Question> questions, int n) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Question q = questions.get((i * 7919) % questions.size());
            long start = System.nanoTime();
            setup.knowledge.search(q.text(), dev.tandem.server.agent.tools.SupportTools.audienceOf(q.who()), 4);
            times.add((System.nanoTime() - start) / 1e6);
        }
        return times;
    }

    private static Map<String, Object> summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", sorted.size());
        if (sorted.isEmpty()) return m;
        m.put("p50", round(sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)))));
        m.put("p99", round(sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)))));
        m.put("max", round(sorted.getLast()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
