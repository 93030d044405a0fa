package dev.tandem.kb.eval;

import dev.tandem.kb.Audience;

import java.util.List;

/** A retrieval system under evaluation: distinct documents for a question, best first. */
@FunctionalInterface
public interface Ranker {

    Ranking rank(String question, Audience audience);

    /**
     * @param documents     distinct document paths, best first (at most 10 are scored)
     * @param topConfidence the best passage's confidence, or NaN when the system has none
     */
    record Ranking(List<String> documents, double topConfidence) {}
}
