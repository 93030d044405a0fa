package dev.tandem.server.engine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a separate process ({@code java -cp <test classpath> dev.tandem.server.cli.TandemCommand serve}),
 * so that a test can kill it with SIGKILL like a crash would.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "crash-test-admin-token";

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server over {@code dataDir} without waiting for it. */
    static ServerProcess launch(Path dataDir, Path knowledgeDir, Path log, Map<String, String> extraEnv) throws IOException {
        int port = freePort();
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath(), "dev.tandem.server.cli.TandemCommand", "serve");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("TANDEM_"));
        Map<String, String> tandem = new HashMap<>(Map.of(
                "TANDEM_PORT", String.valueOf(port),
                "TANDEM_DATA_DIR", dataDir.toString(),
                "TANDEM_KNOWLEDGE_DIR", knowledgeDir.toString(),
                "TANDEM_ADMIN_TOKEN", ADMIN_TOKEN,
                "TANDEM_MESSAGES_PER_SECOND", "1000",
                "TANDEM_IP_MESSAGES_PER_SECOND", "100000"));
        tandem.putAll(extraEnv);
        env.putAll(tandem);
        builder.directory(dataDir.getParent().toFile());
        return new ServerProcess(builder.start(), port, log);
    }

    /** Starts the server and waits until /health answers up. */
    static ServerProcess start(Path dataDir, Path knowledgeDir, Path log) throws Exception {
        ServerProcess server = launch(dataDir, knowledgeDir, log, Map.of());
        server.awaitHealthy(Duration.ofSeconds(90));
        return server;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    void awaitHealthy(Duration timeout) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("server exited " + process.exitValue() + ":\n" + tail());
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not healthy within " + timeout + ":\n" + tail());
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut of the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful shutdown. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    private String tail() {
        try {
            String all = log();
            return all.substring(Math.max(0, all.length() - 3_000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The test runtime classpath: Surefire/Failsafe hide it behind a manifest jar, but publish it. */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** A one-document knowledge folder: the crash test needs the server, not the demo corpus. */
    static Path tinyKnowledge(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("warranty.md"), """
                ---
                title: Bảo hành máy lọc nước
                lang: vi
                audience: public
                ---

                # Bảo hành máy lọc nước

                Máy lọc nước được bảo hành 24 tháng kể từ ngày mua. Lõi lọc được bảo hành 6 tháng.
                """);
        return dir;
    }
}
