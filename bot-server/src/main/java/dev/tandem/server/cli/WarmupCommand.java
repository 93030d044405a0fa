package dev.tandem.server.cli;

import dev.tandem.kb.FileTrees;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tandem warmup}: a training run for the JVM's class-data cache. The launcher runs it once
 * after each build with {@code -XX:AOTCacheOutput} (JDK 25+) or {@code -XX:ArchiveClassesAtExit}
 * (JDK 21–24): it starts a throw-away server on a free port with an empty data folder and the
 * configured knowledge, opens one conversation over the WebSocket, asks one question, waits for the
 * answer and exits normally, so the classes that a start and a first answer need are archived.
 * Later starts map them instead of loading and verifying them one by one.
 */
@Command(name = "warmup", hidden = true, description = "Training run for the JVM class-data cache (the launcher runs it).")
public final class WarmupCommand implements java.util.concurrent.Callable<Integer> {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("tandem-warmup");
        var env = new HashMap<>(ServeCommand.environment());
        env.put("TANDEM_PORT", "0");
        env.put("TANDEM_DATA_DIR", data.toString());
        env.remove("TANDEM_JDBC_URL");
        env.remove("TANDEM_LLM_PROVIDER"); // the offline answerer: no network during a build
        ServerConfig config = ServerConfig.fromEnv(env);
        try (TandemServer server = TandemServer.start(config)) {
            exercise(server.port());
        } finally {
            FileTrees.delete(data);
        }
        return 0;
    }

    /** The storefront page, the widget script, then hello → welcome and one question → the bot's answer. */
    private static void exercise(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/", "/widget.js", "/health"}) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        var welcome = new CompletableFuture<Void>();
        var answer = new CompletableFuture<Void>();
        var text = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?v=1"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String frame = text.toString();
                            text.setLength(0);
                            if (frame.contains("\"welcome\"")) welcome.complete(null);
                            if (frame.contains("\"role\":\"bot\"")) answer.complete(null);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"hello\"}", true);
        welcome.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"message\",\"cid\":\"warmup-1\",\"text\":\"Máy lọc nước bảo hành bao lâu?\"}", true);
        answer.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "warmup done").get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
