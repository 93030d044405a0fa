package dev.tandem.kb.search;

import dev.tandem.kb.analysis.FoldedAnalyzer;
import dev.tandem.kb.analysis.QuestionWords;
import dev.tandem.kb.analysis.Tokens;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns question text into a BM25 query over all matching fields: each field gets the question's
 * terms as its analyzer makes them, and a boost saying how much a match there is worth. Scores add
 * up across fields, so a passage that matches folded words, their exact marks, whole word pairs and
 * the title ranks above one that matches folded words only. Question words ("how do I", "bao nhiêu")
 * keep a small weight: FAQ headings repeat them, but they must not outrank the topic words.
 */
public final class QueryFactory {

    /** Boost per field; the folded body is the reference at 1.0. Tuned on the development set. */
    static final Map<IndexField, Float> BOOSTS = Map.of(
            IndexField.TEXT, 1.0f,
            IndexField.TITLE, 1.5f,
            IndexField.HEADING_PATH, 1.2f,
            IndexField.EXACT, 0.5f,
            IndexField.BIGRAMS, 1.0f,
            IndexField.STEMMED, 0.5f,
            IndexField.CODES, 2.0f);

    /** Weight of a question word relative to a topic word. */
    static final float QUESTION_WORD_WEIGHT = 0.2f;

    private final Analyzer analyzer;
    private final Analyzer folded = new FoldedAnalyzer();

    public QueryFactory(Analyzer perFieldAnalyzer) {
        this.analyzer = perFieldAnalyzer;
    }

    /** The scoring query, or null when the text has no searchable terms. */
    public Query build(String text) {
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        int clauses = 0;
        for (IndexField field : IndexField.values()) {
            Float boost = BOOSTS.get(field);
            if (boost == null) continue;
            Query terms = termsOf(field, text);
            if (terms == null) continue;
            fields.add(new BoostQuery(terms, boost), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : fields.build();
    }

    /** The question's terms in the body field only: what the snippet highlighter looks for. */
    public Query highlightQuery(String text) {
        return termsOf(IndexField.TEXT, text);
    }

    private Query termsOf(IndexField field, String text) {
        Set<String> terms = new LinkedHashSet<>(Tokens.of(analyzer, field.fieldName(), text));
        if (terms.isEmpty()) return null;
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String term : terms) {
            Query termQuery = new TermQuery(new Term(field.fieldName(), term));
            if (isQuestionWord(field, term)) termQuery = new BoostQuery(termQuery, QUESTION_WORD_WEIGHT);
            any.add(termQuery, BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private boolean isQuestionWord(IndexField field, String term) {
        return switch (field) {
            case TEXT, TITLE, HEADING_PATH -> QuestionWords.isFolded(term);
            case STEMMED -> QuestionWords.isStemmed(term);
            case EXACT -> Tokens.of(folded, "f", term).stream().allMatch(QuestionWords::isFolded);
            case BIGRAMS -> java.util.Arrays.stream(term.split(" ")).allMatch(QuestionWords::isFolded);
            default -> false;
        };
    }
}
