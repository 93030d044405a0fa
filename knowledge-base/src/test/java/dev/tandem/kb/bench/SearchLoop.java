package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;

import java.nio.file.Path;
import java.util.List;

/** Profiling aid: runs searches against an existing index for a number of seconds. */
public final class SearchLoop {
    public static void main(String[] args) throws Exception {
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        int n = 0;
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
            while (System.nanoTime() < until) {
                kb.search(questions.get(n++ % questions.size()).question(), Audience.anonymous(), 5);
            }
        }
        System.out.println("searches: " + n);
    }
}
