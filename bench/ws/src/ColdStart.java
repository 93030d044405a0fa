import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Launch a command, then try a WebSocket hello every 20 ms until one is answered: the time from
 * launch to the first accepted conversation. Usage: ColdStart PORT tandem|raw LOG -- COMMAND...
 * The environment is inherited.
 */
public final class ColdStart {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean tandem = args[1].equals("tandem");
        Path log = Path.of(args[2]);
        List<String> command = new ArrayList<>(List.of(args).subList(4, args.length));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        try {
            while (true) {
                if (!p.isAlive()) throw new IllegalStateException("exited " + p.exitValue());
                try {
                    var answered = new CompletableFuture<String>();
                    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(1))
                            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?v=1"), new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    answered.complete(data.toString());
                                    return null;
                                }
                            }).get(2, TimeUnit.SECONDS);
                    ws.sendText(tandem ? "{\"type\":\"hello\"}" : "hello", true);
                    answered.get(10, TimeUnit.SECONDS);
                    System.out.printf("%s first_conversation_ms=%d%n", args[1], (System.nanoTime() - start) / 1_000_000);
                    ws.abort();
                    return;
                } catch (Exception notYet) {
                    Thread.sleep(20);
                }
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
