package dev.tandem.kb.search;

import dev.tandem.kb.analysis.QuestionWords;
import dev.tandem.kb.analysis.FieldTerms;
import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Turns question text into a BM25 query over all matching fields: each field gets the question's
 * terms as its analyzer makes them, and a boost saying how much a match there is worth. Scores add
 * up across fields, so a passage that matches folded words, their exact marks, whole word pairs and
 * the title ranks above one that matches folded words only. Question words ("how do I", "bao nhiêu")
 * keep a small weight: FAQ headings repeat them, but they must not outrank the topic words.
 */
public final class QueryFactory {

    /**
     * Boost per field; the folded body is the reference at 1.0. Checked by ablation on the
     * development set: dropping the exact or the stemmed field costs about 0.01 MRR@10 each.
     */
    static final Map<IndexField, Float> BOOSTS = Map.of(
            IndexField.TEXT, 1.0f,
            IndexField.TITLE, 1.5f,
            IndexField.HEADING_PATH, 1.2f,
            IndexField.EXACT, 0.5f,
            IndexField.BIGRAMS, 1.0f,
            IndexField.STEMMED, 0.5f,
            IndexField.CODES, 2.0f);

    /** Terms per field a question may contribute: keeps a pasted essay under Lucene's clause limit. */
    static final int MAX_TERMS_PER_FIELD = 100;

    /** Weight of a question word relative to a topic word. */
    static final float QUESTION_WORD_WEIGHT = 0.2f;

    /**
     * The fields of the first, cheap pass that picks candidates (see {@link PassageSearcher}): stems
     * (looked up as changed stems and as body words) cover every word's folded-or-stemmed form, pairs
     * and codes the strongest evidence; a third of the clauses of the full query.
     */
    static final Set<IndexField> CANDIDATE_FIELDS = EnumSet.of(IndexField.STEMMED, IndexField.BIGRAMS, IndexField.CODES);

    /** The scoring query, or null when the text has no searchable terms. */
    public Query build(String text) {
        Map<Term, Float> weights = clauses(text);
        if (weights.isEmpty()) return null;
        BooleanQuery.Builder clauses = new BooleanQuery.Builder();
        weights.forEach((term, weight) -> clauses.add(new BoostQuery(new TermQuery(term), weight), BooleanClause.Occur.SHOULD));
        return clauses.build();
    }

    /**
     * The scoring query's clauses: (field, term) → weight, empty when the text has no searchable
     * terms. One flat disjunction of them (not one sub-query per field) lets the scorer skip
     * documents per term (MaxScore), which nested per-field disjunctions defeat; the sum of scores,
     * so the ranking, is the same.
     */
    Map<Term, Float> clauses(String text) {
        return clauses(text, BOOSTS.keySet());
    }

    /** The clauses of the candidate query over {@link #CANDIDATE_FIELDS}; empty when it has no terms. */
    Map<Term, Float> candidateClauses(String text) {
        return clauses(text, CANDIDATE_FIELDS);
    }

    /**
     * The clauses the candidate query leaves out: with {@link #candidateClauses} they sum to
     * {@link #clauses} (a body term both make gets its folded weight here and its stem weight there;
     * BM25 is linear in the boost), so a candidate's full score is its candidate score plus its
     * score here.
     */
    Map<Term, Float> restClauses(String text) {
        return clauses(text, REST_FIELDS);
    }

    private static final Set<IndexField> REST_FIELDS = EnumSet.complementOf(EnumSet.copyOf(CANDIDATE_FIELDS));

    private Map<Term, Float> clauses(String text, Set<IndexField> fields) {
        // The question is segmented once; each field takes its terms from those words, as at index time.
        List<Word> words = Words.of(text);
        // A word typed without marks has no exact-form clause (the exact field holds marked words
        // only); its folded body clause takes that weight instead, as a match of its exact form.
        Set<String> unmarked = new java.util.HashSet<>();
        for (Word w : words) if (!w.marked()) unmarked.add(w.folded());
        // (field, term) → weight; a term two clauses make (a stem that is also a folded word) adds up
        Map<Term, Float> weights = new LinkedHashMap<>();
        for (IndexField field : IndexField.values()) {
            Float boost = BOOSTS.get(field);
            if (boost == null || !fields.contains(field)) continue;
            for (String term : new LinkedHashSet<>(termsOf(field, text, words)).stream().limit(MAX_TERMS_PER_FIELD).toList()) {
                float weight = field == IndexField.TEXT && unmarked.contains(term) ? boost + BOOSTS.get(IndexField.EXACT) : boost;
                if (isQuestionWord(field, term)) weight *= QUESTION_WORD_WEIGHT;
                weights.merge(new Term(field.fieldName(), term), weight, Float::sum);
                // The stem field holds only stems that differ from their word (FieldTerms.changedStems):
                // a chunk that has the stem as a word has it among the body's folded terms instead.
                if (field == IndexField.STEMMED) weights.merge(new Term(IndexField.TEXT.fieldName(), term), weight, Float::sum);
            }
        }
        return weights;
    }

    private static List<String> termsOf(IndexField field, String text, List<Word> words) {
        return switch (field) {
            case TEXT, TITLE, HEADING_PATH -> FieldTerms.folded(words);
            case EXACT -> FieldTerms.exact(words);
            case BIGRAMS -> FieldTerms.bigrams(words);
            case STEMMED -> FieldTerms.stems(words);
            case CODES -> FieldTerms.codes(text, words);
            default -> List.of();
        };
    }

    private static boolean isQuestionWord(IndexField field, String term) {
        return switch (field) {
            case TEXT, TITLE, HEADING_PATH -> QuestionWords.isFolded(term);
            case STEMMED -> QuestionWords.isStemmed(term);
            case EXACT -> QuestionWords.is(term, Words.fold(term));
            case BIGRAMS -> java.util.Arrays.stream(term.split(" ")).allMatch(QuestionWords::isFolded);
            default -> false;
        };
    }
}
