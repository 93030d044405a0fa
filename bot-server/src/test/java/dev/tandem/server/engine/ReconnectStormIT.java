package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconnect storm: 1,000 widgets come back at the same moment (after a deploy or a network
 * blip) and each resumes its conversation with its lastSeq; every one gets its welcome and exactly
 * the events it missed, in order.
 */
class ReconnectStormIT {

    private static final int CLIENTS = Integer.getInteger("tandem.storm.clients", 1_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        server = EngineServer.start(dataDir, ScriptedBot.echo());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What a widget keeps in local storage. */
    record Saved(String visitorId, String conversationId, long newest) {}

    @Test
    void a_thousand_clients_resuming_at_once_each_get_exactly_what_they_missed() throws Exception {
        // given: 1,000 conversations with a message, an answer and a status each
        List<Saved> saved = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Saved>> opened = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) opened.add(pool.submit(() -> openWithOneExchange()));
            for (Future<Saved> f : opened) saved.add(f.get(120, TimeUnit.SECONDS));
        }

        // when: all reconnect at the same moment, each having seen only its first event
        var go = new CountDownLatch(1);
        long started;
        List<List<Long>> replays = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Long>>> resumed = new ArrayList<>();
            for (Saved s : saved) resumed.add(pool.submit(() -> {
                go.await();
                return resume(s);
            }));
            started = System.nanoTime();
            go.countDown();
            for (Future<List<Long>> f : resumed) replays.add(f.get(120, TimeUnit.SECONDS));
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        // then
        for (int i = 0; i < CLIENTS; i++) {
            List<Long> expected = new ArrayList<>();
            for (long seq = 2; seq <= saved.get(i).newest(); seq++) expected.add(seq);
            assertThat(replays.get(i)).as("replay of client %d", i).isEqualTo(expected);
        }
        System.out.printf("reconnect storm: %d clients resumed in %d ms%n", CLIENTS, tookMs);
    }

    private static Saved openWithOneExchange() throws Exception {
        try (var client = new RawWsClient(server.port(), 0)) {
            client.soTimeout(60_000);
            client.sendText("{\"type\":\"hello\"}");
            JsonNode welcome = next(client, "welcome");
            client.sendText(JSON.writeValueAsString(Map.of("type", "message", "cid", Frames.cid(), "text", "hi")));
            long newest = 0;
            while (true) { // the user message, the status change and the bot's answer
                JsonNode f = next(client, null);
                if (f.has("seq") && !f.path("type").asText().equals("ack")) newest = Math.max(newest, f.path("seq").asLong());
                if (f.path("type").asText().equals("message") && f.path("role").asText().equals("bot")) break;
            }
            return new Saved(welcome.path("visitorId").asText(), welcome.path("conversationId").asText(), newest);
        }
    }

    private static List<Long> resume(Saved s) throws Exception {
        try (var client = new RawWsClient(server.port(), 0)) {
            client.soTimeout(60_000);
            client.sendText(JSON.writeValueAsString(Map.of("type", "hello", "visitorId", s.visitorId(),
                    "conversationId", s.conversationId(), "lastSeq", 1)));
            JsonNode welcome = next(client, "welcome");
            long newest = welcome.path("lastSeq").asLong();
            List<Long> seqs = new ArrayList<>();
            while (seqs.isEmpty() || seqs.getLast() < newest) seqs.add(next(client, null).path("seq").asLong());
            return seqs;
        }
    }

    private static JsonNode next(RawWsClient client, String type) throws Exception {
        while (true) {
            RawWsClient.Frame frame = client.read();
            if (frame == null) throw new AssertionError("closed while waiting for " + type);
            if (frame.opcode() != 1) continue; // pings
            JsonNode node = JSON.readTree(frame.text());
            if (type == null || type.equals(node.path("type").asText())) return node;
        }
    }
}
