package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.support.WsTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Small helpers to speak the chat protocol in tests. */
final class Frames {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Set<String> DURABLE = Set.of("message", "status", "agent_joined");

    private Frames() {}

    static JsonNode hello(WsTestClient client, String visitorId, String conversationId, long lastSeq) throws Exception {
        Map<String, Object> hello = new HashMap<>();
        hello.put("type", "hello");
        hello.put("lang", "en");
        if (visitorId != null) hello.put("visitorId", visitorId);
        if (conversationId != null) hello.put("conversationId", conversationId);
        hello.put("lastSeq", lastSeq);
        client.send(hello);
        return client.await("welcome", WAIT);
    }

    static JsonNode hello(WsTestClient client) throws Exception {
        return hello(client, null, null, 0);
    }

    static String cid() {
        return UUID.randomUUID().toString();
    }

    static void message(WsTestClient client, String cid, String text) throws Exception {
        client.send(Map.of("type", "message", "cid", cid, "text", text));
    }

    static long ack(WsTestClient client, String cid) {
        return seen(client, "ack", f -> f.path("cid").asText().equals(cid)).path("seq").asLong();
    }

    static JsonNode botReplyTo(WsTestClient client, String text) {
        return seen(client, "message", f -> f.path("role").asText().equals("bot")
                && f.path("text").asText().equals("echo: " + text));
    }

    /** The first frame of {@code type} matching, among all received so far or arriving within {@link #WAIT}. */
    static JsonNode seen(WsTestClient client, String type, Predicate<JsonNode> matches) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (JsonNode f : client.seen()) {
                if (type.equals(f.path("type").asText()) && matches.test(f)) return f;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + type + "' frame within " + WAIT + "; last frames "
                        + client.seen().subList(Math.max(0, client.seen().size() - 10), client.seen().size()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The seqs of the durable events this client received, in arrival order. */
    static List<Long> durableSeqs(WsTestClient client) {
        return client.seen().stream()
                .filter(f -> DURABLE.contains(f.path("type").asText()) && f.has("seq"))
                .map(f -> f.path("seq").asLong())
                .toList();
    }

    static List<String> errorCodes(WsTestClient client) {
        return client.seen().stream().filter(f -> f.path("type").asText().equals("error"))
                .map(f -> f.path("code").asText()).toList();
    }
}
