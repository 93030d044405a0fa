import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle capacity: opens idle conversations step by step, every one sending a WebSocket ping every
 * PING_MS (phases spread), and after each step measures the ping → pong latency of all pings sent
 * during a window of one ping period (a window over the limit is confirmed by a second one). Stops when the heartbeat p99 passes 100 ms, when more than 1%
 * of a step's connections fail, or at MAX.
 * For "tandem" a connection counts once its hello was answered by welcome (a stored conversation);
 * for "raw" once one text frame was echoed.
 * Usage: IdleClient PORT tandem|raw STEP MAX PING_MS [SERVER_PID]; with the PID, the server's heap after a full GC
 * is printed (jcmd) while every connection is still open.
 */
public final class IdleClient {

    private static final double LIMIT_MS = 100;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean tandem = args[1].equals("tandem");
        int step = Integer.parseInt(args[2]);
        int max = Integer.parseInt(args[3]);
        long pingMs = Long.parseLong(args[4]);
        var clients = new HttpClient[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat?v=1");
        List<WebSocket> open = new ArrayList<>();
        var pongs = new ConcurrentLinkedQueue<Long>(); // latencies in ns
        var closed = new AtomicInteger();
        var pinger = Executors.newSingleThreadScheduledExecutor();
        int capacity = 0;
        String stop = "reached MAX=" + max;
        while (open.size() < max) {
            int target = Math.min(max, open.size() + step);
            int before = open.size();
            long t0 = System.nanoTime();
            var inFlight = new Semaphore(200);
            var opened = new ArrayList<CompletableFuture<WebSocket>>();
            for (int i = before; i < target; i++) {
                inFlight.acquire();
                var ready = new CompletableFuture<Void>();
                var socket = clients[i % clients.length].newWebSocketBuilder()
                        .buildAsync(uri, new Listener(ready, pongs, closed))
                        .thenCompose(ws -> {
                            ws.sendText(tandem ? "{\"type\":\"hello\"}" : "hello", true);
                            return ready.thenApply(x -> ws);
                        })
                        .orTimeout(30, TimeUnit.SECONDS)
                        .whenComplete((ws, e) -> inFlight.release());
                opened.add(socket);
            }
            int failed = 0;
            for (var f : opened) {
                try {
                    WebSocket ws = f.join();
                    open.add(ws);
                    long phase = (long) (Math.random() * pingMs);
                    pinger.scheduleAtFixedRate(() -> ping(ws), phase, pingMs, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            long openMs = (System.nanoTime() - t0) / 1_000_000;
            // one full ping period with every connection open: each one pings once
            long[] ns = window(pongs, pingMs);
            if (ns.length > 0 && pct(ns, 0.99) > LIMIT_MS) ns = window(pongs, pingMs); // one slow window may be a hiccup: confirm
            double p50 = pct(ns, 0.50), p99 = pct(ns, 0.99);
            System.out.printf("idle mode=%s open=%d step_failed=%d closed_by_server=%d opened_in_ms=%d pongs=%d heartbeat_p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                    args[1], open.size(), failed, closed.get(), openMs, ns.length, p50, p99, ns.length == 0 ? 0 : ns[ns.length - 1] / 1e6);
            if (failed > (target - before) / 100) { stop = failed + " of " + (target - before) + " connections failed"; break; }
            if (ns.length == 0 || p99 > LIMIT_MS) { stop = "heartbeat p99 " + String.format("%.1f", p99) + " ms > 100 ms"; break; }
            if (closed.get() > 0) { stop = closed.get() + " connections closed by the server"; break; }
            capacity = open.size();
        }
        System.out.printf("idle result mode=%s capacity=%d stop=\"%s\"%n", args[1], capacity, stop);
        if (args.length > 5) System.out.printf("idle heap mode=%s open=%d %s%n", args[1], open.size(), heapAfterGc(args[5]));
        pinger.shutdownNow();
        System.out.flush();
        System.exit(0);
    }

    /** "used_mb=… committed_mb=…" of the server's heap after a full GC, read with jcmd. */
    private static String heapAfterGc(String pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process p = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        var m = java.util.regex.Pattern.compile("total (?:reserved )?(\\d+)K, (?:committed \\d+K, )?used (\\d+)K").matcher(out);
        return m.find() ? String.format("heap_used_after_gc_mb=%.1f heap_total_mb=%.1f", Long.parseLong(m.group(2)) / 1024.0,
                Long.parseLong(m.group(1)) / 1024.0) : "heap_info=\"" + out.replace('\n', ' ') + "\"";
    }

    private static void ping(WebSocket ws) {
        if (ws.isOutputClosed()) return;
        try {
            ws.sendPing(ByteBuffer.allocate(8).putLong(0, System.nanoTime()));
        } catch (IllegalStateException previousPingPending) {
            // the previous ping of this connection is still being sent: skip one beat
        }
    }

    /** The pong latencies of one ping period (plus a second for the last pongs), sorted. */
    private static long[] window(ConcurrentLinkedQueue<Long> pongs, long pingMs) throws InterruptedException {
        pongs.clear();
        Thread.sleep(pingMs + 1_000);
        return pongs.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Completes ready on the first text frame (welcome or echo); records the latency of every pong. */
    private record Listener(CompletableFuture<Void> ready, ConcurrentLinkedQueue<Long> pongs, AtomicInteger closed)
            implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ready.complete(null);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            if (message.remaining() == 8) pongs.add(System.nanoTime() - message.getLong());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.incrementAndGet();
            ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.incrementAndGet();
            ready.completeExceptionally(error);
        }
    }
}
