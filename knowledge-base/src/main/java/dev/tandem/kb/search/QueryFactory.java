package dev.tandem.kb.search;

import dev.tandem.kb.analysis.QuestionWords;
import dev.tandem.kb.analysis.FieldTerms;
import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.Term;

import java.util.EnumSet;
import java.util.LinkedHashMap;
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

    /**
     * A question's weighted (field, term) clauses. {@code full} is the scoring query, empty when the
     * text has no searchable terms; one flat disjunction of them (not one sub-query per field) lets
     * the scorer skip documents per term (MaxScore), which nested per-field disjunctions defeat; the
     * sum of scores, so the ranking, is the same. {@code candidates} are those of the cheap first
     * pass over {@link #CANDIDATE_FIELDS}, {@code rest} those it leaves out: the two sum to {@code
     * full} (a body term both make has its stem weight in one and its folded weight in the other;
     * BM25 is linear in the boost), so a candidate's full score is its candidate score plus its score
     * by {@code rest}.
     */
    record Clauses(Map<Term, Float> full, Map<Term, Float> candidates, Map<Term, Float> rest) {

        /** Adds a clause to the full query and to its pass ({@code candidates} or {@code rest}); a term made twice adds up. */
        private void add(Map<Term, Float> pass, Term clause, float weight) {
            full.merge(clause, weight, Float::sum);
            pass.merge(clause, weight, Float::sum);
        }
    }

    Clauses clauses(String text) {
        // The question is segmented once; each field takes its terms from those words, as at index time.
        List<Word> words = Words.of(text);
        // A word typed without marks has no exact-form clause (the exact field holds marked words
        // only); its folded body clause takes that weight instead, as a match of its exact form.
        Set<String> unmarked = new java.util.HashSet<>();
        for (Word w : words) if (!w.marked()) unmarked.add(w.folded());
        // (field, term) → weight; a term two clauses make (a stem that is also a folded word) adds up
        Clauses clauses = new Clauses(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        List<String> folded = firstDistinct(FieldTerms.folded(words)); // the same terms for body, title and headings
        for (IndexField field : IndexField.values()) {
            Float boost = BOOSTS.get(field);
            if (boost == null) continue;
            Map<Term, Float> pass = CANDIDATE_FIELDS.contains(field) ? clauses.candidates() : clauses.rest();
            List<String> fieldTerms = switch (field) {
                case TEXT, TITLE, HEADING_PATH -> folded;
                case EXACT -> firstDistinct(FieldTerms.exact(words));
                case BIGRAMS -> firstDistinct(FieldTerms.bigrams(words));
                case STEMMED -> firstDistinct(FieldTerms.stems(words));
                case CODES -> firstDistinct(FieldTerms.codes(text, words));
                default -> List.of();
            };
            for (String term : fieldTerms) {
                float weight = field == IndexField.TEXT && unmarked.contains(term) ? boost + BOOSTS.get(IndexField.EXACT) : boost;
                if (isQuestionWord(field, term)) weight *= QUESTION_WORD_WEIGHT;
                clauses.add(pass, new Term(field.fieldName(), term), weight);
                // The stem field holds only stems that differ from their word (FieldTerms.changedStems):
                // a chunk that has the stem as a word has it among the body's folded terms instead.
                if (field == IndexField.STEMMED) clauses.add(pass, new Term(IndexField.TEXT.fieldName(), term), weight);
            }
        }
        return clauses;
    }

    /** The first {@link #MAX_TERMS_PER_FIELD} distinct terms, in order. */
    private static List<String> firstDistinct(List<String> terms) {
        Set<String> seen = new java.util.HashSet<>();
        List<String> kept = new java.util.ArrayList<>(Math.min(terms.size(), MAX_TERMS_PER_FIELD));
        for (String term : terms) {
            if (kept.size() == MAX_TERMS_PER_FIELD) break;
            if (seen.add(term)) kept.add(term);
        }
        return kept;
    }

    private static boolean isQuestionWord(IndexField field, String term) {
        return switch (field) {
            case TEXT, TITLE, HEADING_PATH -> QuestionWords.isFolded(term);
            case STEMMED -> QuestionWords.isStemmed(term);
            case EXACT -> QuestionWords.is(term, Words.fold(term));
            case BIGRAMS -> allQuestionWords(term.split(" "));
            default -> false;
        };
    }

    private static boolean allQuestionWords(String[] folded) {
        for (String word : folded) if (!QuestionWords.isFolded(word)) return false;
        return true;
    }
}
