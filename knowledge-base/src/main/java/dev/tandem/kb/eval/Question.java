package dev.tandem.kb.eval;

import java.util.List;

/**
 * One line of a question set. An empty {@code relevant} list marks a question the corpus cannot
 * answer: left out of the retrieval metrics, used for refusal checks.
 *
 * @param audience public, b2b or account:&lt;id&gt; (null means public)
 */
public record Question(String id, String question, String lang, List<String> relevant, String answer, String audience) {

    public Question {
        relevant = relevant == null ? List.of() : List.copyOf(relevant);
    }

    public boolean answerable() {
        return !relevant.isEmpty();
    }
}
