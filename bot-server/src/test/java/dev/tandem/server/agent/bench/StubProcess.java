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
 * the child: it prints the base URL, then serves until its standard input closes.
 */
final class StubProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private StubProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the child with this JVM's classpath; every request streams {@code tokens} tokens. */
    static StubProcess start(int tokens, long firstDelayMs, long gapMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StubProcess.class.getName(), String.valueOf(tokens), String.valueOf(firstDelayMs), String.valueOf(gapMs));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("http")) {
            process.destroy();
            throw new IOException("stub process did not start: " + line);
        }
        return new StubProcess(process, line.strip());
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
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
        try (var stub = new StubOpenAiServer()) {
            var stream = new StubOpenAiServer.Stream(tokens, Long.parseLong(args[1]), Long.parseLong(args[2]));
            stub.otherwise(request -> stream);
            stub.keepNoRequests();
            System.out.println(stub.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin (or dies)
            }
        }
    }
}
