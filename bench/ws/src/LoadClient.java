import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N WebSocket clients, each sending one message every {@code interval} ms (steady, phases spread),
 * measuring message→ack (Tandem: the {@code ack} with the message's cid; raw: the echo of the frame).
 * Usage: LoadClient tandem|raw PORT CLIENTS SECONDS INTERVAL_MS [WARMUP_S]. Prints one line over every message
 * (label n p50 p99 max throughput), then a "steady" line over the messages sent after the first
 * WARMUP_S seconds (default 5: the JIT compiling the server's paths, pools filling), same server, same run.
 * For Tandem a third line, "-replies", gives message → bot reply (the client's oldest message still
 * without a reply, since a conversation's turns run one at a time), with the messages left unanswered.
 */
public final class LoadClient {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int intervalMs = Integer.parseInt(args[4]);
        long warmupNanos = TimeUnit.SECONDS.toNanos(args.length > 5 ? Integer.parseInt(args[5]) : 5);
        boolean tandem = mode.equals("tandem");
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat?v=1");

        var pending = new ConcurrentHashMap<String, Long>();
        var latencies = new long[clients * (seconds * 1000 / intervalMs + 2)];
        var sentAt = new long[latencies.length];
        var startedAt = new AtomicLong(Long.MAX_VALUE);
        var count = new AtomicLong();
        var errors = new AtomicLong();
        var errorCodes = new ConcurrentHashMap<String, Integer>();
        var http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<WebSocket> sockets = new ArrayList<>();
        var welcomed = new CountDownLatch(clients);
        List<ConcurrentLinkedQueue<Long>> awaitingReply = new ArrayList<>();
        var replyLatencies = new long[latencies.length];
        var replies = new AtomicLong();

        for (int i = 0; i < clients; i++) {
            var unanswered = new ConcurrentLinkedQueue<Long>();
            awaitingReply.add(unanswered);
            var listener = new WebSocket.Listener() {
                final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String frame = partial.toString();
                        partial.setLength(0);
                        long now = System.nanoTime();
                        if (frame.contains("\"type\":\"welcome\"")) welcomed.countDown();
                        else if (tandem && frame.startsWith("{\"type\":\"message\"") && frame.contains("\"role\":\"bot\"")) {
                            Long sent = unanswered.poll();
                            if (sent != null) {
                                long n = replies.getAndIncrement();
                                if (n < replyLatencies.length) replyLatencies[(int) n] = now - sent;
                            }
                        }
                        else if (frame.contains("\"type\":\"error\"")) {
                            errors.incrementAndGet();
                            int at = frame.indexOf("\"code\":\"");
                            if (at >= 0) errorCodes.merge(frame.substring(at + 8, frame.indexOf('"', at + 8)), 1, Integer::sum);
                        }
                        else if (!tandem || frame.startsWith("{\"type\":\"ack\"")) {
                            int at = frame.indexOf("\"cid\":\"");
                            if (at >= 0) {
                                String cid = frame.substring(at + 7, at + 7 + 36);
                                Long sent = pending.remove(cid);
                                if (sent != null) {
                                    long n = count.getAndIncrement();
                                    if (n < latencies.length) {
                                        latencies[(int) n] = now - sent;
                                        sentAt[(int) n] = sent - startedAt.get();
                                    }
                                }
                            }
                        }
                    }
                    ws.request(1);
                    return null;
                }
            };
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, listener).get(60, TimeUnit.SECONDS);
            sockets.add(ws);
            if (tandem) ws.sendText("{\"type\":\"hello\",\"lang\":\"vi\"}", true).get();
            else welcomed.countDown();
        }
        if (!welcomed.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("not all clients welcomed");

        var scheduler = Executors.newScheduledThreadPool(1);
        var sends = new CompletableFuture<?>[clients];
        Arrays.fill(sends, CompletableFuture.completedFuture(null));
        long start = System.nanoTime();
        startedAt.set(start);
        for (int i = 0; i < clients; i++) {
            int c = i;
            long phase = ThreadLocalRandom.current().nextLong(intervalMs);
            scheduler.scheduleAtFixedRate(() -> {
                String cid = UUID.randomUUID().toString();
                String frame = "{\"type\":\"message\",\"cid\":\"" + cid + "\",\"text\":\"Máy lọc nước bảo hành bao lâu?\"}";
                synchronized (sockets.get(c)) {
                    sends[c] = sends[c].thenCompose(x -> {
                        long now = System.nanoTime();
                        pending.put(cid, now);
                        awaitingReply.get(c).add(now);
                        return sockets.get(c).sendText(frame, true);
                    });
                }
            }, phase, intervalMs, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000L);
        scheduler.shutdownNow();
        Thread.sleep(2_000); // the last acks
        double elapsed = (System.nanoTime() - start) / 1e9 - 2;
        int n = (int) Math.min(count.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("%s clients=%d acked=%d unanswered=%d errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f throughput_per_s=%.0f%n",
                mode, clients, n, pending.size(), errors.get(), ms(sorted, 0.50), ms(sorted, 0.99),
                n == 0 ? 0 : sorted[n - 1] / 1e6, n / elapsed);
        long[] steady = java.util.stream.IntStream.range(0, n).filter(i -> sentAt[i] >= warmupNanos)
                .mapToLong(i -> latencies[i]).sorted().toArray();
        System.out.printf("%s-steady clients=%d after_s=%d acked=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                mode, clients, warmupNanos / 1_000_000_000L, steady.length, ms(steady, 0.50), ms(steady, 0.99),
                steady.length == 0 ? 0 : steady[steady.length - 1] / 1e6);
        if (Boolean.getBoolean("bench.timeline")) { // diagnosis only (-Dbench.timeline=true): ack p50/p99/max per second of send time
            StringBuilder line = new StringBuilder(mode + "-timeline");
            for (int second = 0; second < seconds; second++) {
                long from = TimeUnit.SECONDS.toNanos(second), to = TimeUnit.SECONDS.toNanos(second + 1);
                long[] window = java.util.stream.IntStream.range(0, n).filter(i -> sentAt[i] >= from && sentAt[i] < to)
                        .mapToLong(i -> latencies[i]).sorted().toArray();
                line.append(String.format(" %d:%.1f/%.1f/%.1f", second, ms(window, 0.50), ms(window, 0.99),
                        window.length == 0 ? 0 : window[window.length - 1] / 1e6));
            }
            System.out.println(line);
        }
        if (tandem) {
            int r = (int) Math.min(replies.get(), replyLatencies.length);
            long[] sortedReplies = Arrays.copyOf(replyLatencies, r);
            Arrays.sort(sortedReplies);
            System.out.printf("%s-replies clients=%d replies=%d without_reply=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", mode, clients, r,
                    awaitingReply.stream().mapToInt(ConcurrentLinkedQueue::size).sum(), ms(sortedReplies, 0.50), ms(sortedReplies, 0.99),
                    r == 0 ? 0 : sortedReplies[r - 1] / 1e6);
        }
        if (!errorCodes.isEmpty()) System.out.println("  errors by code: " + errorCodes);
        for (WebSocket ws : sockets) ws.abort();
        System.exit(0);
    }

    private static double ms(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
