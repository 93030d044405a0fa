package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.agent.AgentResponder;
import dev.tandem.server.agent.StubOpenAiServer;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Identity;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of the agent, in two modes printed side by side.
 *
 * <p>Closed loop (the original method, kept unchanged): N conversations each ask again the moment
 * they are answered, every turn in a fresh conversation; in LLM mode all N streams start at the
 * same instant against a stub inside this JVM. This measures a saturated queue: p50 ≈ N × CPU per
 * answer / cores.
 *
 * <p>Open loop (steady rate): N conversations are open at once, each a real conversation whose
 * memory grows turn by turn. Offline, each asks its next question after a think time (exponential,
 * mean {@code bench.thinkMs}, first question at a random phase). In LLM mode the stub runs in a
 * separate JVM and the N conversations start spread over one stream's length, each asking again
 * when answered, so N streams are in flight at any moment without a thundering-herd start; only
 * turns started after the ramp-up count.
 *
 * <p>Every turn is timed from when its question was asked (closed loop: the first ones at the loop's start,
 * each next one when the previous answer is in; open loop: the end of the think time), not from when its
 * thread got a carrier, so a turn that never blocks cannot hide the others' wait.
 *
 * <p>LLM figures: time to first delta minus the stub's delay (our overhead) and the inter-token gap
 * minus the stub's gap (jitter we add). Usage: {@code AgentBench [corpusDir] [questions.jsonl]};
 * {@code -Dbench.only=offline,retrieval,llm-closed,llm-open} picks sections ({@code offline-c1}: one
 * conversation only, for profiling; {@code offline-cpu}: CPU time (and allocated KB) per answer only;
 * {@code -Dbench.warmTurns50} sets the closed-loop warm-up before the warm 50-conversation line, 600 turns per
 * conversation by default (30,000 answers, ~20 s here: the compiler threads were still busy after 10,000);
 * {@code -Dbench.llmWarmupMs} lengthens the open-loop LLM warm-up, 4 s by default, and {@code -Dbench.llmWarmupStreams}
 * sets its stream count, 20 by default; {@code -Dbench.llmStreams=1}
 * runs only the given stream counts, {@code -Dbench.oneStreamMs} the 1-stream run's length, 12 s by default;
 * {@code -Dbench.stubNoDelay=off|on|both}: the open loop against the original stub, against the stub with
 * TCP_NODELAY, or both interleaved run by run, the default — see {@link StubProcess#start(int, long, long, boolean)}).
 * Prints a table, then
 * one JSON object as its last line.
 */
public final class AgentBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STUB_FIRST_TOKEN_MS = 300;
    private static final long STUB_GAP_MS = 25;
    private static final int STUB_TOKENS = 16;
    /** One stream's length at the stub: the first token, then the gaps. */
    private static final long STREAM_MS = STUB_FIRST_TOKEN_MS + (STUB_TOKENS - 1) * STUB_GAP_MS;
    private static final double OFFLINE_TARGET_P99 = 100;
    private static final double OVERHEAD_TARGET_P99 = 15;
    private static final double JITTER_TARGET_P99 = 20;

    record Question(String text, Identity who, String audience) {}

    /**
     * With {@code -Dbench.gapLog=file}: every counted inter-token gap whose jitter exceeds
     * {@code -Dbench.gapLogMs} (20 by default) is written there as "from to excess", times in ms of
     * JVM uptime (the clock of {@code -Xlog}'s uptime decoration), to match late tokens with pauses.
     */
    private static final String GAP_LOG = System.getProperty("bench.gapLog");
    private static final double LATE_GAP_MS = Double.parseDouble(System.getProperty("bench.gapLogMs", "20"));
    private static final List<String> LATE_GAPS = GAP_LOG == null ? null : new CopyOnWriteArrayList<>();
    /**
     * With {@code bench.gapLog}, first deltas whose overhead exceeds {@code -Dbench.firstLogMs} (10
     * by default) go to the same file as "first start firstDelta overhead" (uptime ms).
     */
    private static final double LATE_FIRST_MS = Double.parseDouble(System.getProperty("bench.firstLogMs", "10"));
    /** {@link System#nanoTime()} at JVM start, to turn delta times into uptime. */
    private static final long NANOS_AT_START =
            System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;

    private static String uptimeMs(long nanoTime) {
        return String.format(java.util.Locale.ROOT, "%.3f", (nanoTime - NANOS_AT_START) / 1e6);
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "demo/knowledge").toAbsolutePath().normalize();
        Path questionsFile = Path.of(args.length > 1 ? args[1] : "demo/eval/dev-questions.jsonl");
        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(questionsFile)) {
            if (line.isBlank()) continue;
            JsonNode q = JSON.readTree(line);
            String audience = q.path("audience").asText("public");
            questions.add(new Question(q.path("question").asText(), EvalSetup.identity(audience), audience));
        }
        Set<String> only = Set.of(System.getProperty("bench.only",
                Boolean.getBoolean("bench.offlineOnly") ? "offline,retrieval" : "offline,retrieval,llm-closed,llm-open").split(","));
        long thinkMs = Long.getLong("bench.thinkMs", 1000);
        long stressThinkMs = Long.getLong("bench.stressThinkMs", 250);
        long openSeconds = Long.getLong("bench.openSeconds", 20);
        // open-loop LLM warm-up (both JVMs); the default is the original 4 s, after which the JIT
        // compiler still takes a large share of the CPU on two cores: a longer one reads the steady state
        long llmWarmupMs = Long.getLong("bench.llmWarmupMs", 4_000);
        int llmWarmupStreams = Integer.getInteger("bench.llmWarmupStreams", 20);
        // stream counts of the LLM runs (e.g. "1" to study one turn's critical path)
        int[] llmStreams = java.util.Arrays.stream(System.getProperty("bench.llmStreams", "1,50,200").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        try (var setup = new EvalSetup(corpus, corpus)) {
            AgentResponder offline = AgentFactory.responder(new AgentFactory.Provider("offline", "", "", ""),
                    setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, r) -> {});
            if (only.contains("offline-c1")) { // for profiling one answer at a time
                runClosed(offline, setup, questions, 1, 100);
                out.put("offline_c1", summary(runClosed(offline, setup, questions, 1, Integer.getInteger("bench.turns1", 200))));
            }
            if (only.contains("offline-cpu")) {
                putCostPerAnswer(out, offline, setup, questions);
            }
            if (only.contains("offline")) {
                putCostPerAnswer(out, offline, setup, questions);
                runClosed(offline, setup, questions, 1, 100); // warm-up
                Run c1 = runClosed(offline, setup, questions, 1, Integer.getInteger("bench.turns1", 200));
                out.put("offline_c1", summary(c1));
                int turns50 = Integer.getInteger("bench.turns50", 20);
                out.put("offline_c50", closedWithCpu(offline, setup, questions, 50, turns50));
                // the same closed loop once the JIT has settled: right after the ~1,100 warm-up answers
                // above, the compiler threads still take a third or more of the CPU
                runClosed(offline, setup, questions, 50, WARM_TURNS_50);
                out.put("offline_c50_warm", closedWithCpu(offline, setup, questions, 50, turns50));
                out.put("offline_open_c50_think" + thinkMs, summary(runOpen(offline, setup, questions, 50, thinkMs, openSeconds * 1000)));
                out.put("offline_open_c50_think" + stressThinkMs,
                        summary(runOpen(offline, setup, questions, 50, stressThinkMs, openSeconds * 500)));
            }
            if (only.contains("retrieval")) out.put("retrieval_only_c1", summary(searchOnly(setup, questions, 200)));

            if (only.contains("llm-closed")) {
                // the original method: the stub in this JVM, all streams started at once
                try (var stub = new StubOpenAiServer()) {
                    List<String> tokens = new ArrayList<>();
                    for (int i = 0; i < STUB_TOKENS; i++) tokens.add("tok" + i + " ");
                    stub.keepNoRequests().otherwise(request -> new StubOpenAiServer.Stream(tokens, STUB_FIRST_TOKEN_MS, STUB_GAP_MS));
                    AgentResponder llm = llmResponder(setup, stub.baseUrl());
                    runClosed(llm, setup, questions, 20, 3); // warm-up
                    for (int streams : new int[]{1, 50, 200}) {
                        var r = runClosed(llm, setup, questions, streams, streams == 1 ? 30 : streams == 50 ? 6 : 3);
                        out.put("llm_streams_" + streams, llmSummary(r));
                    }
                }
            }
            if (only.contains("llm-open")) {
                // stubNoDelay: "off" = the original stub (JDK server, Nagle on), "on" = the stub with
                // TCP_NODELAY as streaming servers set it, "both" (default) = the two interleaved run by run
                String noDelay = System.getProperty("bench.stubNoDelay", "both");
                boolean nagle = !noDelay.equals("on");
                boolean noNagle = !noDelay.equals("off");
                try (var stub = nagle ? StubProcess.start(STUB_TOKENS, STUB_FIRST_TOKEN_MS, STUB_GAP_MS, false) : null;
                     var fastStub = noNagle ? StubProcess.start(STUB_TOKENS, STUB_FIRST_TOKEN_MS, STUB_GAP_MS, true) : null) {
                    AgentResponder llm = nagle ? llmResponder(setup, stub.baseUrl()) : null;
                    AgentResponder fast = noNagle ? llmResponder(setup, fastStub.baseUrl()) : null;
                    // warm-up (both JVMs); a second stub JVM gets a warm-up of its own, ours is warm by then
                    if (nagle) runSteadyStreams(llm, setup, questions, llmWarmupStreams, llmWarmupMs);
                    if (noNagle) runSteadyStreams(fast, setup, questions, llmWarmupStreams, nagle ? Math.min(llmWarmupMs, 10_000) : llmWarmupMs);
                    if (LATE_GAPS != null) LATE_GAPS.clear();
                    out.put("llm_open_warmup_ms", llmWarmupMs);
                    out.put("llm_open_warmup_streams", llmWarmupStreams);
                    out.put("llm_open_stub_nodelay", noDelay);
                    for (int streams : llmStreams) {
                        if (nagle) out.put("llm_open_streams_" + streams, llmOpen(llm, stub, setup, questions, streams, openSeconds, ""));
                        if (noNagle) out.put("llm_open_nodelay_streams_" + streams,
                                llmOpen(fast, fastStub, setup, questions, streams, openSeconds, "-nodelay"));
                    }
                }
            }
        }
        printTable(out, thinkMs, stressThinkMs);
        System.out.println(JSON.writeValueAsString(out));
    }

    private static AgentResponder llmResponder(EvalSetup setup, String baseUrl) {
        return AgentFactory.responder(new AgentFactory.Provider("openai", baseUrl, "bench", "stub"),
                setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, r) -> {});
    }

    /** One open-loop LLM run at {@code streams} streams against {@code stub}, with where the CPU went. */
    private static Map<String, Object> llmOpen(AgentResponder llm, StubProcess stub, EvalSetup setup, List<Question> questions,
                                               int streams, long openSeconds, String gapLogSuffix) throws Exception {
        stub.reset();
        Map<String, Long> threadsBefore = threadCpuByKind();
        long stubCpuBefore = stub.cpuMs();
        var r = runSteadyStreams(llm, setup, questions, streams, streams == 1 ? Long.getLong("bench.oneStreamMs", 12_000) : openSeconds * 600);
        Map<String, Object> m = llmSummary(r);
        // where this JVM's CPU went, and the stub's own (a separate process on the same cores)
        m.put("cpu_ms_per_turn_by_thread", perTurn(threadsBefore, threadCpuByKind(), r.allTurns()));
        m.put("stub_cpu_ms_per_turn", round((stub.cpuMs() - stubCpuBefore) / (double) Math.max(1, r.allTurns())));
        // the stub's own lateness against its plan (a late wake-up on a busy machine is not our overhead)
        m.put("stub_own_lateness", JSON.readTree(stub.lateness()));
        if (LATE_GAPS != null) {
            Files.write(Path.of(GAP_LOG), List.of("# streams " + streams + gapLogSuffix), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.write(Path.of(GAP_LOG), LATE_GAPS, java.nio.file.StandardOpenOption.APPEND);
            LATE_GAPS.clear();
        }
        return m;
    }

    /** One turn measured against the stub's stamps: see {@link #vsStub}. */
    record VsStub(double firstDeltaOverheadMs, List<Double> gapExcessMs) {}

    /**
     * Our overhead in one turn against what the stub actually did, when its tokens carry its stamps
     * ({@link StubOpenAiServer#stampTokens}); null for unstamped tokens. The first delta's time minus
     * the stub's own time to its first token (its planned delay plus any late wake-up, counted from
     * when it received the request, so the request's way there stays in our share); and each gap
     * between two deltas that complete a token minus the stub's own gap between those tokens. The
     * issue defines the overhead as the first delta "minus the stub's own delay"; the plain figures
     * subtract the planned 300 / 25 ms instead and so also count the stub's late wake-ups, which on
     * two shared cores reach 4–13 ms at p99 (stub_own_lateness). A stamp may be split over deltas.
     */
    static VsStub vsStub(long start, List<Long> deltaTimes, List<String> deltaTexts) {
        StringBuilder seen = new StringBuilder();
        long firstStamp = -1, previousStamp = -1, previousTime = 0;
        List<Double> gaps = new ArrayList<>();
        for (int i = 0; i < deltaTexts.size(); i++) {
            int from = Math.max(0, seen.length() - 32); // a stamp may begin in an earlier delta
            seen.append(deltaTexts.get(i));
            var stamps = StubOpenAiServer.STAMP.matcher(seen);
            long stamp = -1;
            for (int at = from; stamps.find(at); at = stamps.end()) {
                if (firstStamp < 0) firstStamp = Long.parseLong(stamps.group(2));
                stamp = Long.parseLong(stamps.group(2));
            }
            if (stamp < 0 || stamp == previousStamp) continue; // no token completed by this delta
            long time = deltaTimes.get(i);
            if (previousStamp >= 0) gaps.add(Math.abs((time - previousTime) / 1e6 - (stamp - previousStamp) / 1e3));
            previousStamp = stamp;
            previousTime = time;
        }
        if (firstStamp < 0) return null;
        return new VsStub((deltaTimes.getFirst() - start) / 1e6 - firstStamp / 1e3, gaps);
    }

    /** Latencies of one run in milliseconds, with the CPU this process spent and the wall time it took. */
    record Run(List<Double> total, List<Double> firstDeltaOverhead, List<Double> jitter, int withoutDeltas,
               double cpuMs, double wallMs, double meanInFlight, int allTurns,
               List<Double> firstDeltaVsStub, List<Double> jitterVsStub) {}

    /**
     * The harness's own lists. Until 2026-11-24 they were {@code CopyOnWriteArrayList}s, which copy
     * the whole list on every value: at 200 streams, 15 gaps per turn into a list of ~26,000 made
     * ~3 MB of garbage per turn in the measured JVM (a third of its allocation, JFR) and a lock
     * held during each copy — young collections the server did not cause. {@code
     * -Dbench.recorder=copy-on-write} keeps the old lists to reproduce the earlier figures.
     */
    private static final boolean COPY_ON_WRITE_RECORDER = "copy-on-write".equals(System.getProperty("bench.recorder"));

    private static <T> List<T> recorderList() {
        return COPY_ON_WRITE_RECORDER ? new CopyOnWriteArrayList<>() : Collections.synchronizedList(new ArrayList<>());
    }

    /** Collects one run's measurements from many threads. */
    private static final class Recorder {
        final List<Double> total = recorderList();
        final List<Double> overhead = recorderList();
        final List<Double> jitter = recorderList();
        /** The same two measured against the stub's stamped times of each token ({@link StubOpenAiServer#stampTokens}). */
        final List<Double> overheadVsStub = recorderList();
        final List<Double> jitterVsStub = recorderList();
        final List<Integer> inFlightAtStart = recorderList();
        final AtomicInteger withoutDeltas = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger allTurns = new AtomicInteger(); // counted or not: the CPU was spent on all of them
        final long cpuStart = cpuNanos();
        final long wallStart = System.nanoTime();

        /**
         * Asks one question; records it when {@code counts}, timed from {@code askedAt} (nanoTime): when the
         * question was due, so that waiting for a carrier thread before the turn starts is part of its time
         * (a turn that never blocks keeps its carrier, and the questions due meanwhile wait unseen otherwise).
         */
        void turn(AgentResponder responder, Conversation conversation, String text, boolean counts, long askedAt) {
            List<Long> deltaTimes = new ArrayList<>();
            List<String> deltaTexts = new ArrayList<>();
            int concurrent = inFlight.incrementAndGet();
            long start = askedAt;
            try {
                responder.answer(conversation, text, d -> {
                    deltaTimes.add(System.nanoTime());
                    deltaTexts.add(d);
                });
            } finally {
                inFlight.decrementAndGet();
                allTurns.incrementAndGet();
            }
            if (!counts) return;
            total.add((System.nanoTime() - start) / 1e6);
            inFlightAtStart.add(concurrent);
            if (deltaTimes.isEmpty()) {
                withoutDeltas.incrementAndGet();
                return;
            }
            double firstOverhead = (deltaTimes.getFirst() - start) / 1e6 - STUB_FIRST_TOKEN_MS;
            overhead.add(firstOverhead);
            if (LATE_GAPS != null && firstOverhead > LATE_FIRST_MS) {
                LATE_GAPS.add("first\t" + uptimeMs(start) + "\t" + uptimeMs(deltaTimes.getFirst()) + "\t" + round(firstOverhead));
            }
            List<Double> gaps = new ArrayList<>(deltaTimes.size());
            for (int i = 1; i < deltaTimes.size(); i++) {
                double excess = Math.abs((deltaTimes.get(i) - deltaTimes.get(i - 1)) / 1e6 - STUB_GAP_MS);
                gaps.add(excess);
                if (LATE_GAPS != null && excess > LATE_GAP_MS) {
                    LATE_GAPS.add(uptimeMs(deltaTimes.get(i - 1)) + "\t" + uptimeMs(deltaTimes.get(i)) + "\t" + round(excess));
                }
            }
            if (COPY_ON_WRITE_RECORDER) gaps.forEach(jitter::add); // as before: one copy of the list per gap
            else jitter.addAll(gaps);
            againstStub(start, deltaTimes, deltaTexts);
        }

        private void againstStub(long start, List<Long> deltaTimes, List<String> deltaTexts) {
            VsStub vs = vsStub(start, deltaTimes, deltaTexts);
            if (vs == null) return; // an unstamped stub
            overheadVsStub.add(vs.firstDeltaOverheadMs());
            jitterVsStub.addAll(vs.gapExcessMs());
        }

        Run done() {
            double mean = inFlightAtStart.stream().mapToInt(Integer::intValue).average().orElse(0);
            return new Run(total, overhead, jitter, withoutDeltas.get(), (cpuNanos() - cpuStart) / 1e6,
                    (System.nanoTime() - wallStart) / 1e6, mean, allTurns.get(), overheadVsStub, jitterVsStub);
        }
    }

    /** Closed-loop turns before {@code offline_c50_warm} is measured, per conversation (50 × this answers). */
    private static final int WARM_TURNS_50 = Integer.getInteger("bench.warmTurns50", 600);

    /** {@link #runClosed}'s summary with where this JVM's CPU went per answer, by thread kind. */
    private static Map<String, Object> closedWithCpu(AgentResponder responder, EvalSetup setup, List<Question> questions,
                                                     int conversations, int turnsEach) throws Exception {
        Map<String, Long> threadsBefore = threadCpuByKind();
        Run run = runClosed(responder, setup, questions, conversations, turnsEach);
        Map<String, Object> m = summary(run);
        m.put("cpu_ms_per_turn_by_thread", perTurn(threadsBefore, threadCpuByKind(), run.allTurns()));
        return m;
    }

    /** The original closed loop: each of {@code conversations} asks {@code turnsEach} questions back to back, each in a fresh conversation. */
    private static Run runClosed(AgentResponder responder, EvalSetup setup, List<Question> questions, int conversations,
                                 int turnsEach) throws Exception {
        var recorder = new Recorder();
        long begin = System.nanoTime(); // every conversation asks its first question now
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                int seed = c;
                running.add(pool.submit(() -> {
                    long askAt = begin;
                    for (int t = 0; t < turnsEach; t++) {
                        Question q = questions.get((seed * 7919 + t * 104729) % questions.size());
                        recorder.turn(responder, setup.conversation(q.who()), q.text(), true, askAt);
                        askAt = System.nanoTime(); // the next question is asked as soon as the answer is in, but it
                        // comes over the network in the server: a turn that never blocked must not keep its carrier
                        Thread.yield();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return recorder.done();
    }

    /**
     * Open loop: {@code conversations} conversations for {@code durationMs}, each asking its next
     * question (of its own audience) an exponential think time after its answer, the first at a
     * random phase. Turns of the first think time are the ramp-up and do not count.
     */
    private static Run runOpen(AgentResponder responder, EvalSetup setup, List<Question> questions, int conversations,
                               long thinkMeanMs, long durationMs) throws Exception {
        var recorder = new Recorder();
        long begin = System.nanoTime();
        long countFrom = begin + thinkMeanMs * 1_000_000;
        long stopAt = begin + durationMs * 1_000_000;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                int seed = c;
                running.add(pool.submit(() -> {
                    var random = new Random(seed);
                    List<Question> mine = sameAudience(questions, questions.get((seed * 7919) % questions.size()));
                    Conversation conversation = setup.conversation(mine.getFirst().who());
                    long askAt = think(System.nanoTime(), (long) (random.nextDouble() * thinkMeanMs));
                    for (int t = 0; askAt < stopAt; t++) {
                        Question q = mine.get((seed * 31 + t * 104729) % mine.size());
                        recorder.turn(responder, conversation, q.text(), askAt >= countFrom, askAt);
                        // exponential think time, capped so one conversation cannot sit out the run
                        askAt = think(System.nanoTime(), (long) Math.min(-Math.log(1 - random.nextDouble()) * thinkMeanMs, 5.0 * thinkMeanMs));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return recorder.done();
    }

    /** Sleeps {@code ms} after {@code now} and returns when the next question is due (nanoTime): after the sleep, not when the thread runs again. */
    private static long think(long now, long ms) throws InterruptedException {
        Thread.sleep(ms);
        return now + ms * 1_000_000;
    }

    /**
     * Steady streams: {@code streams} conversations whose first questions are spread evenly over
     * one stream's length, each asking again as soon as it is answered, so {@code streams} are in
     * flight at any time. Only turns started after the ramp-up (two stream lengths) count.
     */
    private static Run runSteadyStreams(AgentResponder responder, EvalSetup setup, List<Question> questions, int streams,
                                        long durationMs) throws Exception {
        var recorder = new Recorder();
        long begin = System.nanoTime();
        long countFrom = begin + 2 * STREAM_MS * 1_000_000;
        long stopAt = begin + durationMs * 1_000_000;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < streams; c++) {
                int seed = c;
                long startAt = begin + c * STREAM_MS * 1_000_000 / streams;
                running.add(pool.submit(() -> {
                    List<Question> mine = sameAudience(questions, questions.get((seed * 7919) % questions.size()));
                    Conversation conversation = setup.conversation(mine.getFirst().who());
                    Thread.sleep(Math.max(0, (startAt - System.nanoTime()) / 1_000_000));
                    long askAt = startAt; // then each next question as soon as the last is answered
                    for (int t = 0; askAt < stopAt; t++, askAt = System.nanoTime()) {
                        Question q = mine.get((seed * 31 + t * 104729) % mine.size());
                        recorder.turn(responder, conversation, q.text(), askAt >= countFrom, askAt);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return recorder.done();
    }

    /**
     * CPU time of the answering thread alone for each of {@code n} answers, one at a time on a
     * platform thread: the per-answer cost without JIT, GC or a busy machine's waiting in it. When
     * {@code allocatedKb} is given, the bytes that thread allocated per answer (KB) go there.
     */
    private static List<Double> threadCpuPerAnswer(AgentResponder responder, EvalSetup setup, List<Question> questions,
                                                   int n, List<Double> allocatedKb) throws InterruptedException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Double> cpu = new ArrayList<>();
        Thread probe = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                Question q = questions.get((i * 7919) % questions.size());
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long before = threads.getCurrentThreadCpuTime();
                responder.answer(setup.conversation(q.who()), q.text(), d -> {});
                cpu.add((threads.getCurrentThreadCpuTime() - before) / 1e6);
                if (allocatedKb != null) allocatedKb.add((threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1024.0);
            }
        });
        probe.join();
        return cpu;
    }

    /** CPU time and allocation of the answering thread per offline answer, after a warm-up, into {@code out}. */
    private static void putCostPerAnswer(Map<String, Object> out, AgentResponder offline, EvalSetup setup,
                                         List<Question> questions) throws InterruptedException {
        threadCpuPerAnswer(offline, setup, questions, 300, null); // warm-up
        List<Double> allocatedKb = new ArrayList<>();
        out.put("offline_cpu_ms_per_answer", summaryWithMean(threadCpuPerAnswer(offline, setup, questions, 500, allocatedKb)));
        out.put("offline_allocated_kb_per_answer", summaryWithMean(allocatedKb));
    }

    /** {@link #summary(List)} with the mean, for per-answer costs whose sum is what a loaded machine pays. */
    private static Map<String, Object> summaryWithMean(List<Double> values) {
        Map<String, Object> m = summary(values);
        m.put("mean", round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return m;
    }

    /**
     * CPU time (ms) of this JVM's threads by kind, from {@code /proc/self/task} (Linux; empty
     * elsewhere): every native thread, the JIT compiler and the garbage collector included. Threads
     * that ended between two readings (one per stream) are counted as "ended" from the process total.
     */
    static Map<String, Long> threadCpuByKind() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return kinds;
        long ticksMs = 10; // USER_HZ is 100 on Linux
        try (var dirs = Files.list(tasks)) {
            for (Path task : dirs.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * ticksMs; // utime, stime
                    kinds.merge(threadKind(name), ms, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) { /* the thread ended meanwhile */ }
            }
        } catch (java.io.IOException e) {
            return kinds;
        }
        kinds.put("process", cpuNanos() / 1_000_000);
        return kinds;
    }

    private static String threadKind(String name) {
        if (name.startsWith("ForkJoinPool")) return "virtual_thread_carriers"; // retrieval, prompt building, the request
        if (name.startsWith("llm-stream")) return "llm_stream_readers";           // SSE parsing, tokens handed on
        if (name.startsWith("llm-http") || name.startsWith("HttpClient")) return "http_client";
        if (name.contains("Compiler")) return "jit";
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("Z")) return "gc";
        if (name.startsWith("store-writer")) return "store_writer";
        return "other";
    }

    /** CPU ms per turn of each kind between two readings; "ended" is what threads gone since the first reading used. */
    private static Map<String, Object> perTurn(Map<String, Long> before, Map<String, Long> after, int turns) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (after.isEmpty()) return m;
        long counted = 0;
        for (var e : after.entrySet()) {
            if (e.getKey().equals("process")) continue;
            long delta = Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
            counted += delta;
            m.put(e.getKey(), round(delta / (double) Math.max(1, turns)));
        }
        long process = after.get("process") - before.getOrDefault("process", 0L);
        m.put("ended_threads", round(Math.max(0, process - counted) / (double) Math.max(1, turns)));
        return m;
    }

    private static List<Question> sameAudience(List<Question> questions, Question first) {
        List<Question> mine = new ArrayList<>(List.of(first));
        for (Question q : questions) if (q != first && q.audience().equals(first.audience())) mine.add(q);
        return mine;
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

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Object> summary(Run run) {
        Map<String, Object> m = summary(run.total());
        if (run.total().isEmpty()) return m;
        m.put("answers_per_s", round(run.allTurns() / (run.wallMs() / 1000)));
        m.put("cpu_ms_per_answer", round(run.cpuMs() / run.allTurns())); // this JVM's CPU, JIT and GC included
        m.put("mean_in_flight", round(run.meanInFlight()));
        return m;
    }

    private static Map<String, Object> llmSummary(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first_delta_overhead_ms", summary(r.firstDeltaOverhead()));
        m.put("inter_token_jitter_ms", summary(r.jitter()));
        if (!r.firstDeltaVsStub().isEmpty()) { // a stub that stamps its tokens (StubProcess)
            m.put("first_delta_overhead_vs_stub_ms", summary(r.firstDeltaVsStub()));
            m.put("inter_token_jitter_vs_stub_ms", summary(r.jitterVsStub()));
        }
        m.put("turns", r.total().size());
        m.put("turns_without_deltas", r.withoutDeltas()); // answered by the offline fallback: a failure here
        m.put("mean_streams_in_flight", round(r.meanInFlight()));
        m.put("turns_per_s", round(r.allTurns() / (r.wallMs() / 1000)));
        m.put("cpu_ms_per_turn", round(r.cpuMs() / Math.max(1, r.allTurns()))); // this JVM only, JIT and GC included
        return m;
    }

    static Map<String, Object> summary(List<Double> values) {
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

    /** Both modes side by side, with whether each meets the target. */
    @SuppressWarnings("unchecked")
    private static void printTable(Map<String, Object> out, long thinkMs, long stressThinkMs) {
        System.out.printf("%-44s %-10s %-26s %-26s%n", "measure (p50 / p99 ms)", "target", "closed loop (old)", "open loop (steady)");
        row(out, "offline, CPU per answer (answering thread)", "~4", "offline_cpu_ms_per_answer", null, null, 4);
        row(out, "offline, KB allocated per answer (thread)", "-", "offline_allocated_kb_per_answer", null, null, 0);
        row(out, "offline, 1 conversation", "-", "offline_c1", null, null, 0);
        row(out, "offline, 50 conversations", "p99<=100", "offline_c50", "offline_open_c50_think" + thinkMs, null, OFFLINE_TARGET_P99);
        row(out, "offline, 50 conv., after " + 50 * WARM_TURNS_50 + " more", "p99<=100", "offline_c50_warm", null, null, OFFLINE_TARGET_P99);
        row(out, "offline, 50 conv., think " + stressThinkMs + " ms (stress)", "p99<=100", null,
                "offline_open_c50_think" + stressThinkMs, null, OFFLINE_TARGET_P99);
        for (int streams : new int[]{1, 50, 200}) {
            double target = streams == 1 ? 0 : OVERHEAD_TARGET_P99;
            row(out, "LLM first delta - 300 ms, " + streams + " streams", streams == 1 ? "-" : "p99<=15",
                    "llm_streams_" + streams, "llm_open_streams_" + streams, "first_delta_overhead_ms", target);
        }
        for (int streams : new int[]{1, 50, 200}) {
            double target = streams == 1 ? 0 : JITTER_TARGET_P99;
            row(out, "LLM inter-token gap - 25 ms, " + streams + " streams", streams == 1 ? "-" : "p99<=20",
                    "llm_streams_" + streams, "llm_open_streams_" + streams, "inter_token_jitter_ms", target);
        }
        // the open loop against the stub's own stamped times instead of its plan (see vsStub)
        for (int streams : new int[]{1, 50, 200}) {
            row(out, "LLM first delta - stub's own delay, " + streams, streams == 1 ? "-" : "p99<=15", null,
                    "llm_open_streams_" + streams, "first_delta_overhead_vs_stub_ms", streams == 1 ? 0 : OVERHEAD_TARGET_P99);
        }
        for (int streams : new int[]{1, 50, 200}) {
            row(out, "LLM gap - stub's own gap, " + streams, streams == 1 ? "-" : "p99<=20", null,
                    "llm_open_streams_" + streams, "inter_token_jitter_vs_stub_ms", streams == 1 ? 0 : JITTER_TARGET_P99);
        }
        // the same open loop against the stub with TCP_NODELAY (see StubProcess), when it ran
        for (int streams : new int[]{1, 50, 200}) {
            if (!out.containsKey("llm_open_nodelay_streams_" + streams)) continue;
            row(out, "stub TCP_NODELAY: first delta - 300, " + streams, streams == 1 ? "-" : "p99<=15", null,
                    "llm_open_nodelay_streams_" + streams, "first_delta_overhead_ms", streams == 1 ? 0 : OVERHEAD_TARGET_P99);
        }
        for (int streams : new int[]{1, 50, 200}) {
            if (!out.containsKey("llm_open_nodelay_streams_" + streams)) continue;
            row(out, "stub TCP_NODELAY: gap - 25 ms, " + streams, streams == 1 ? "-" : "p99<=20", null,
                    "llm_open_nodelay_streams_" + streams, "inter_token_jitter_ms", streams == 1 ? 0 : JITTER_TARGET_P99);
        }
    }

    @SuppressWarnings("unchecked")
    private static void row(Map<String, Object> out, String name, String target, String closedKey, String openKey,
                            String field, double limit) {
        System.out.printf("%-44s %-10s %-26s %-26s%n", name, target, cell(out, closedKey, field, limit), cell(out, openKey, field, limit));
    }

    @SuppressWarnings("unchecked")
    private static String cell(Map<String, Object> out, String key, String field, double limit) {
        if (key == null || !out.containsKey(key)) return "—";
        Map<String, Object> m = (Map<String, Object>) out.get(key);
        if (field != null) m = (Map<String, Object>) m.get(field);
        if (m == null || !m.containsKey("p99")) return "—";
        double p99 = ((Number) m.get("p99")).doubleValue();
        String verdict = limit <= 0 ? "" : p99 <= limit ? " MET" : " missed";
        return m.get("p50") + " / " + m.get("p99") + verdict;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
