package dev.tandem.server.agent.bench;

import dev.tandem.server.agent.StubOpenAiServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stub OpenAI-compatible server in a JVM of its own, so that the benchmark measures our
 * overhead and not the stub's CPU competing with ours inside one process. {@link #main} runs in
 * the child: it prints the base URL, then serves until its standard input closes. Its tokens carry
 * the stub's own send times ({@link StubOpenAiServer#stampTokens}, read by {@link AgentBench#vsStub}).
 */
final class StubProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final BufferedReader out;
    private final java.io.PrintStream in;

    private StubProcess(Process process, String baseUrl, BufferedReader out) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.out = out;
        this.in = new java.io.PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the child with this JVM's classpath; every request streams {@code tokens} tokens. */
    static StubProcess start(int tokens, long firstDelayMs, long gapMs) throws IOException {
        return start(tokens, firstDelayMs, gapMs, false);
    }

    /**
     * As above; {@code noDelay} sets TCP_NODELAY on the stub's connections ({@code
     * sun.net.httpserver.nodelay}, off by default in the JDK's server). Without it the stub's
     * kernel holds a token back (Nagle) while the previous one is not acknowledged, and our kernel
     * may delay that acknowledgement by ~40 ms: the token comes ~20 ms late. Servers that stream
     * tokens (uvicorn/vLLM, Go/Ollama, Node) set TCP_NODELAY.
     */
    static StubProcess start(int tokens, long firstDelayMs, long gapMs, boolean noDelay) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dsun.net.httpserver.nodelay=" + noDelay,
                "-cp", System.getProperty("java.class.path"),
                StubProcess.class.getName(), String.valueOf(tokens), String.valueOf(firstDelayMs), String.valueOf(gapMs));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("http")) {
            process.destroy();
            throw new IOException("stub process did not start: " + line);
        }
        return new StubProcess(process, line.strip(), out);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** CPU time the stub's JVM has used so far, in ms (-1 when the platform does not tell). */
    long cpuMs() {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    /** Forgets the stub's lateness measured so far. */
    void reset() {
        in.println("reset");
    }

    /** The stub's own lateness since the last reset, as one JSON object: {@code first_token_late_ms}, {@code gap_late_ms}. */
    String lateness() throws IOException {
        in.println("stats");
        return out.readLine();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close(); // the child ends when its stdin closes
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) tokens.add("tok" + i + " ");
        try (var stub = new StubOpenAiServer().stampTokens()) {
            var stream = new StubOpenAiServer.Stream(tokens, Long.parseLong(args[1]), Long.parseLong(args[2]));
            stub.otherwise(request -> stream);
            stub.keepNoRequests();
            System.out.println(stub.baseUrl());
            System.out.flush();
            var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null; ) { // until the parent closes our stdin (or dies)
                if (command.equals("reset")) stub.lateness.clear();
                if (command.equals("stats")) {
                    var json = new com.fasterxml.jackson.databind.ObjectMapper();
                    System.out.println(json.writeValueAsString(java.util.Map.of(
                            "first_token_late_ms", AgentBench.summary(new ArrayList<>(stub.lateness.firstToken)),
                            "gap_late_ms", AgentBench.summary(new ArrayList<>(stub.lateness.gap)))));
                    System.out.flush();
                }
            }
        }
    }
}
