package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.agent.AgentResponder;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.Reply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every reply of the offline agent to every question of the given files, one JSON line each (text,
 * citations, audit, offer of a human), to compare two builds answer by answer: a change to the
 * answer path's mechanics must leave this output byte for byte the same. Each question is asked
 * twice: in a new conversation, then in one long conversation per audience (memory of earlier turns).
 * Usage: {@code AnswerDump corpusDir file.jsonl...} (question files: {@code question}; attack files: {@code prompt}).
 */
public final class AnswerDump {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
        try (var setup = new EvalSetup(corpus, corpus)) {
            AgentResponder responder = AgentFactory.responder(new AgentFactory.Provider("offline", "", "", ""),
                    setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, r) -> {});
            Map<String, Conversation> longOnes = new HashMap<>();
            for (int f = 1; f < args.length; f++) {
                for (String line : Files.readAllLines(Path.of(args[f]))) {
                    if (line.isBlank()) continue;
                    JsonNode q = JSON.readTree(line);
                    String text = q.has("question") ? q.path("question").asText() : q.path("prompt").asText();
                    String audience = q.path("audience").asText("public");
                    Identity who = EvalSetup.identity(audience);
                    print(q.path("id").asText(), "new", responder.answer(setup.conversation(who), text, d -> {}));
                    Conversation along = longOnes.computeIfAbsent(audience, a -> setup.conversation(who));
                    print(q.path("id").asText(), "long", responder.answer(along, text, d -> {}));
                }
            }
        }
    }

    private static void print(String id, String mode, Reply reply) throws Exception {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", id);
        out.put("mode", mode);
        out.put("text", reply.text());
        out.put("citations", reply.citations());
        out.put("audit", reply.audit());
        out.put("offerHuman", reply.offerHuman());
        System.out.println(JSON.writeValueAsString(out));
    }
}
