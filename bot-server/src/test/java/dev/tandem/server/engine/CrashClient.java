package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.support.WsTestClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A widget as the protocol asks it to behave: it keeps its ids and lastSeq, keeps every message
 * in an outbox until acked and resends it after reconnecting, and checks every durable event it
 * receives is the next seq (so exactly once and in order, across connections and crashes).
 */
final class CrashClient {

    private static final Set<String> DURABLE = Set.of("message", "status", "agent_joined");

    final int number;
    String visitorId;
    String conversationId;
    long lastSeq;
    final Map<String, String> outbox = new LinkedHashMap<>();
    final Set<String> acked = new LinkedHashSet<>();
    final List<String> violations = new ArrayList<>();
    private int sent;
    private WsTestClient socket;
    private int processed;

    CrashClient(int number) {
        this.number = number;
    }

    void connect(int port) throws Exception {
        socket = WsTestClient.connect(port);
        processed = 0;
        var hello = new LinkedHashMap<String, Object>();
        hello.put("type", "hello");
        hello.put("lastSeq", lastSeq);
        if (visitorId != null) hello.put("visitorId", visitorId);
        if (conversationId != null) hello.put("conversationId", conversationId);
        socket.send(hello);
        JsonNode welcome = socket.await("welcome", Frames.WAIT);
        if (conversationId != null && !conversationId.equals(welcome.path("conversationId").asText())) {
            violations.add("client " + number + " was not resumed: " + welcome);
        }
        visitorId = welcome.path("visitorId").asText();
        conversationId = welcome.path("conversationId").asText();
        processed = 1;
    }

    /** Resends whatever has no ack yet, same cid and text. */
    void resendOutbox() throws Exception {
        for (var entry : outbox.entrySet()) Frames.message(socket, entry.getKey(), entry.getValue());
    }

    void sendNew() throws Exception {
        String cid = UUID.randomUUID().toString();
        String text = "Khách " + number + " hỏi lần " + (++sent) + ": máy lọc nước bảo hành bao lâu?";
        outbox.put(cid, text);
        Frames.message(socket, cid, text);
    }

    /** Takes in the frames received so far on the current connection. */
    void absorb() {
        if (socket == null) return;
        List<JsonNode> frames = socket.seen();
        for (int i = processed; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            String type = f.path("type").asText();
            if (type.equals("ack")) {
                String cid = f.path("cid").asText();
                if (outbox.remove(cid) != null) acked.add(cid);
            } else if (DURABLE.contains(type)) {
                long seq = f.path("seq").asLong();
                if (seq != lastSeq + 1) violations.add("client " + number + " got seq " + seq + " after " + lastSeq);
                lastSeq = Math.max(lastSeq, seq);
            }
        }
        processed = frames.size();
    }

    void disconnect() {
        absorb();
        if (socket != null) socket.close();
        socket = null;
    }
}
