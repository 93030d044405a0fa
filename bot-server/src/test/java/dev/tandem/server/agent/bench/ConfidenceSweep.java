package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;
import dev.tandem.server.agent.tools.SupportTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prints, per question, the best retrieval confidence and whether a relevant document is in the top 3: for tuning the refusal threshold. */
public final class ConfidenceSweep {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
        var json = new ObjectMapper();
        try (var setup = new EvalSetup(corpus, corpus)) {
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                if (line.isBlank()) continue;
                JsonNode q = json.readTree(line);
                List<String> relevant = new ArrayList<>();
                q.path("relevant").forEach(r -> relevant.add(r.asText()));
                Audience audience = SupportTools.audienceOf(EvalSetup.identity(q.path("audience").asText("public")));
                List<Passage> top = setup.knowledge.search(q.path("question").asText(), audience, 3);
                double best = top.isEmpty() ? 0 : top.getFirst().confidence();
                boolean hit = top.stream().anyMatch(p -> relevant.contains(p.docPath()));
                boolean hit1 = !top.isEmpty() && relevant.contains(top.getFirst().docPath());
                System.out.printf("SWEEP %s %s %.3f %s %s%n", q.path("id").asText(), relevant.isEmpty() ? "U" : "A", best, hit ? "hit3" : "-", hit1 ? "hit1" : "-");
            }
        }
    }
}
