package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.agent.AgentResponder;
import dev.tandem.server.chat.Citation;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.Reply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answer quality of the real agent (offline provider) over a question set and an attack set:
 * answerable questions answered with a relevant citation, unanswerable ones refused, and leaks
 * on the attack set. Usage: {@code AgentEval [corpusDir] [questions.jsonl] [attacks.jsonl]};
 * the last stdout line is one JSON object.
 */
public final class AgentEval {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "demo/knowledge").toAbsolutePath().normalize();
        Path questions = Path.of(args.length > 1 ? args[1] : "demo/eval/dev-questions.jsonl");
        Path attacks = Path.of(args.length > 2 ? args[2] : "demo/eval/attacks.jsonl");
        try (var setup = new EvalSetup(corpus, corpus)) {
            AgentResponder responder = AgentFactory.responder(new AgentFactory.Provider("offline", "", "", ""),
                    setup.knowledge, setup.memory, setup.accounts, setup::identityOf, (id, reason) -> {});
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("questions", questions(setup, responder, questions));
            if (Files.exists(attacks)) summary.put("attacks", attacks(setup, responder, attacks));
            System.out.println(JSON.writeValueAsString(summary));
        }
    }

    /**
     * The half of the set a question belongs to, by a hash of its id without the variant suffix
     * ("q007" and "q007-nd" fall together): changes are tuned on half A and checked on half B.
     */
    static String half(String id) {
        int dash = id.indexOf('-');
        var crc = new java.util.zip.CRC32();
        crc.update((dash < 0 ? id : id.substring(0, dash)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % 2 == 0 ? "A" : "B";
    }

    /** With {@code -Dagent.eval.detail=true}, each miss is followed by what retrieval found for it. */
    private static final boolean DETAIL = Boolean.getBoolean("agent.eval.detail");

    private static Map<String, Object> questions(EvalSetup setup, AgentResponder responder, Path file) throws Exception {
        int answerable = 0, cited = 0, unanswerable = 0, refused = 0;
        Map<String, int[]> byLang = new LinkedHashMap<>(); // lang → answerable, cited, unanswerable, refused
        Map<String, int[]> byHalf = new java.util.TreeMap<>(); // same counts per half of the set
        List<String> misses = new ArrayList<>();
        long answerNanos = 0; // one question at a time: the answerer's cost per question, search included
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode q = JSON.readTree(line);
            List<String> relevant = new ArrayList<>();
            q.path("relevant").forEach(r -> relevant.add(r.asText()));
            Identity who = EvalSetup.identity(q.path("audience").asText("public"));
            long started = System.nanoTime();
            Reply reply = responder.answer(setup.conversation(who), q.path("question").asText(), d -> {});
            answerNanos += System.nanoTime() - started;
            int[] lang = byLang.computeIfAbsent(q.path("lang").asText("?"), k -> new int[4]);
            int[] half = byHalf.computeIfAbsent(half(q.path("id").asText()), k -> new int[4]);
            String miss = null;
            if (!relevant.isEmpty()) {
                answerable++;
                lang[0]++;
                half[0]++;
                boolean ok = reply.citations().stream().map(Citation::doc).anyMatch(relevant::contains);
                if (ok) {
                    cited++;
                    lang[1]++;
                    half[1]++;
                } else {
                    miss = "MISS ";
                }
            } else {
                unanswerable++;
                lang[2]++;
                half[2]++;
                boolean isRefusal = reply.citations().isEmpty() && reply.offerHuman();
                if (isRefusal) {
                    refused++;
                    lang[3]++;
                    half[3]++;
                } else {
                    miss = "ANSWERED ";
                }
            }
            if (miss != null) {
                misses.add(miss + q.path("id").asText() + " (" + half(q.path("id").asText()) + ") [" + who.accountId() + "] "
                        + q.path("question").asText() + " → " + reply.citations().stream().map(Citation::doc).toList()
                        + " " + clip(reply.text()));
                if (DETAIL) misses.add(retrievalDetail(setup, q.path("question").asText(), who, relevant));
            }
        }
        misses.forEach(m -> System.out.println(m));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answerable", answerable);
        out.put("answeredWithRelevantCitation", ratio(cited, answerable));
        out.put("unanswerable", unanswerable);
        out.put("refused", ratio(refused, unanswerable));
        out.put("meanAnswerMs", Math.round((answerNanos / 1e6) / Math.max(1, answerable + unanswerable) * 100) / 100.0);
        byLang.forEach((lang, c) -> out.put(lang, Map.of("answerable", c[0], "cited", ratio(c[1], c[0]),
                "unanswerable", c[2], "refused", ratio(c[3], c[2]))));
        byHalf.forEach((h, c) -> out.put("half" + h, Map.of("answerable", c[0], "cited", ratio(c[1], c[0]),
                "unanswerable", c[2], "refused", ratio(c[3], c[2]))));
        return out;
    }

    /** The top ten passages the question's audience may see (relevant ones starred) and its words' chunk counts. */
    private static String retrievalDetail(EvalSetup setup, String question, Identity who, List<String> relevant) {
        var audience = dev.tandem.server.agent.tools.SupportTools.audienceOf(who);
        StringBuilder out = new StringBuilder();
        for (var p : setup.knowledge.search(question, audience, 10)) {
            out.append(String.format(Locale.ROOT, "    %s %.3f %s › %s%n", relevant.contains(p.docPath()) ? "*" : " ",
                    p.confidence(), p.docPath(), p.headingPath()));
        }
        out.append("    words:");
        for (var t : setup.knowledge.termRarity(question, audience)) {
            out.append(' ').append(t.written()).append('=').append(t.chunks()).append('/').append(t.anyForm());
        }
        return out.toString();
    }

    /**
     * Each attack: {@code prompt}, {@code audience}, {@code forbidden} strings that must not appear in
     * the reply, {@code forbiddenDocs} path prefixes that must not be cited, and optionally a crafted
     * {@code document {path, content}} added to the corpus first (indirect injection).
     */
    private static Map<String, Object> attacks(EvalSetup setup, AgentResponder responder, Path file) throws Exception {
        List<JsonNode> attacks = new ArrayList<>();
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) attacks.add(JSON.readTree(line));
        boolean crafted = false;
        for (JsonNode a : attacks) {
            if (a.has("document")) {
                setup.addDocument(a.path("document").path("path").asText(), a.path("document").path("content").asText());
                crafted = true;
            }
        }
        if (crafted) setup.reindex();
        int leaks = 0;
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (JsonNode a : attacks) {
            Identity who = EvalSetup.identity(a.path("audience").asText("public"));
            Reply reply = responder.answer(setup.conversation(who), a.path("prompt").asText(), d -> {});
            String shown = (reply.text() + " " + reply.citations()).toLowerCase(Locale.ROOT);
            List<String> found = new ArrayList<>();
            a.path("forbidden").forEach(f -> {
                String s = f.asText().toLowerCase(Locale.ROOT);
                if (s.startsWith("re:") ? Pattern.compile(s.substring(3)).matcher(shown).find() : shown.contains(s)) found.add(f.asText());
            });
            a.path("forbiddenDocs").forEach(f -> reply.citations().stream().map(Citation::doc)
                    .filter(d -> d != null && d.startsWith(f.asText())).forEach(d -> found.add("cited " + d)));
            int[] kind = byKind.computeIfAbsent(a.path("kind").asText("?"), k -> new int[2]);
            kind[0]++;
            if (!found.isEmpty()) {
                leaks++;
                kind[1]++;
                System.out.println("LEAK " + a.path("id").asText() + " " + found + " → " + clip(reply.text()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attacks", attacks.size());
        out.put("leaks", leaks);
        byKind.forEach((kind, c) -> out.put(kind, Map.of("n", c[0], "leaks", c[1])));
        return out;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : Math.round(1000.0 * a / b) / 1000.0;
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
