package dev.tandem.kb.search;

import dev.tandem.kb.analysis.QuestionWords;
import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How well a passage covers a question, in [0, 1]: the share of the question's topic words found in
 * the passage (title, headings, body), each weighted by its rarity in the index (squared BM25 idf),
 * blended 60/40 with the same share for adjacent pairs of topic words ("máy lọc", "tủ lạnh"). Question words ("what", "bao nhiêu", "có … không")
 * do not count. A word typed with Vietnamese marks must match with its marks for full credit (a
 * folded-only match earns half: "vé" is not "về"); a word typed without marks matches folded, and
 * English words match by stem. A word the index has never seen weighs the most, so a question
 * about something the corpus does not cover ("electric scooters", "vé máy bay") scores low even when
 * its common words match. Unlike a BM25 score, it is comparable across questions.
 */
public final class ConfidenceEstimator {

    /**
     * How much the word share counts against the pair share. With idf² weights and pairs free of
     * question words, 0.6 put 95% of the development set's answerable questions at or above 0.3
     * and about two thirds of its unanswerable ones below (AUC 0.95).
     */
    static final double WORD_SHARE = 0.6;

    /** Credit for a word typed with marks that the passage has only without them (or with others). */
    static final double FOLDED_ONLY_CREDIT = 0.5;

    /** A question word or pair to look for: its exact and folded forms, whether marks matter, and its weight. */
    record Probe(String exact, String folded, String stem, boolean marked, double weight) {}

    /**
     * The weighted topic words and word pairs of one question, and the folded words and stems a
     * passage's words are kept by (see {@link PassageTerms#of}).
     */
    public record QueryProfile(List<Probe> words, List<Probe> pairs, Set<String> foldedWords, Set<String> stems, Set<String> pairStarts) {

        QueryProfile(List<Probe> words, List<Probe> pairs) {
            this(words, pairs, collect(words, Probe::folded), collect(words, Probe::stem),
                    collect(pairs, p -> p.folded().substring(0, p.folded().indexOf(' '))));
        }

        boolean isEmpty() {
            return words.isEmpty();
        }

        private static Set<String> collect(List<Probe> probes, java.util.function.Function<Probe, String> key) {
            Set<String> keys = new HashSet<>();
            for (Probe probe : probes) keys.add(key.apply(probe));
            return keys;
        }
    }

    /** What a passage contains, in the forms the probes compare against; built once per passage. */
    record PassageTerms(Set<String> exact, Set<String> folded, Set<String> stems, Set<String> exactPairs, Set<String> foldedPairs) {

        /**
         * Only what a probe of {@code profile} can ask for: a word whose folded form or stem is one
         * of the question's, a pair that starts with the folded first word of one of its pairs. The
         * credits are those of the passage's full sets (a probe's exact form folds to its folded
         * form), without a string per adjacent pair of the passage.
         */
        static PassageTerms of(List<List<Word>> parts, QueryProfile profile) {
            Set<String> exactSet = new HashSet<>(), foldedSet = new HashSet<>(), stemSet = new HashSet<>();
            Set<String> exactPairs = new HashSet<>(), foldedPairs = new HashSet<>();
            for (List<Word> words : parts) {
                for (int i = 0; i < words.size(); i++) {
                    Word w = words.get(i);
                    if (profile.foldedWords().contains(w.folded())) {
                        exactSet.add(w.exact());
                        foldedSet.add(w.folded());
                    }
                    if (profile.stems().contains(w.stem())) stemSet.add(w.stem());
                    if (i + 1 < words.size() && profile.pairStarts().contains(w.folded())) {
                        Word next = words.get(i + 1);
                        exactPairs.add(w.exact() + " " + next.exact());
                        foldedPairs.add(w.folded() + " " + next.folded());
                    }
                }
            }
            return new PassageTerms(exactSet, foldedSet, stemSet, exactPairs, foldedPairs);
        }

        /**
         * The same sets for a chunk of the index: through its word index when it has one (the
         * question's words looked up, not the passage's words scanned), else by {@link #of(List, QueryProfile)}.
         */
        static PassageTerms of(ChunkCache.Chunk chunk, QueryProfile profile) {
            ChunkCache.WordIndex index = chunk.index();
            if (index == null) return of(chunk.parts, profile);
            Set<String> exactSet = new HashSet<>(), foldedSet = new HashSet<>(), stemSet = new HashSet<>();
            Set<String> exactPairs = new HashSet<>(), foldedPairs = new HashSet<>();
            for (String folded : profile.foldedWords()) {
                int[] positions = index.byFolded().get(folded);
                if (positions == null) continue;
                foldedSet.add(folded);
                for (int position : positions) exactSet.add(word(chunk, position).exact());
            }
            for (String stem : profile.stems()) if (index.byStem().containsKey(stem)) stemSet.add(stem);
            for (String start : profile.pairStarts()) {
                int[] positions = index.byFolded().get(start);
                if (positions == null) continue;
                for (int position : positions) {
                    List<Word> words = chunk.parts.get(ChunkCache.WordIndex.part(position));
                    int i = ChunkCache.WordIndex.word(position);
                    if (i + 1 >= words.size()) continue;
                    Word w = words.get(i), next = words.get(i + 1);
                    exactPairs.add(w.exact() + " " + next.exact());
                    foldedPairs.add(w.folded() + " " + next.folded());
                }
            }
            return new PassageTerms(exactSet, foldedSet, stemSet, exactPairs, foldedPairs);
        }

        private static Word word(ChunkCache.Chunk chunk, int position) {
            return chunk.parts.get(ChunkCache.WordIndex.part(position)).get(ChunkCache.WordIndex.word(position));
        }
    }

    public QueryProfile profile(IndexSearcher searcher, String question) throws IOException {
        return profile(searcher, question, term -> searcher.getIndexReader().docFreq(term));
    }

    /** How many chunks hold a term; lets a search reuse the look-ups its queries made. */
    interface DocFreqs {
        int of(Term term) throws IOException;
    }

    /** {@link #profile(IndexSearcher, String)} with the document frequencies from {@code docFreqs}. */
    QueryProfile profile(IndexSearcher searcher, String question, DocFreqs docFreqs) throws IOException {
        int docs = Math.max(1, searcher.getIndexReader().numDocs());
        List<Word> tokens = Words.of(question);
        List<Probe> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Word token : tokens) {
            if (QuestionWords.is(token.exact(), token.folded()) || !seen.add(token.exact())) continue;
            boolean marked = !token.exact().equals(token.folded());
            double weight = marked
                    ? idf(docFreqs, IndexField.EXACT, token.exact(), docs)
                    : idf(stemFrequency(docFreqs, token.stem(), docs), docs);
            words.add(new Probe(token.exact(), token.folded(), token.stem(), marked, weight));
        }
        List<Probe> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Word first = tokens.get(i), second = tokens.get(i + 1);
            // pairs with a question word ("bảo hành bao", "do you") only add noise
            if (QuestionWords.is(first.exact(), first.folded()) || QuestionWords.is(second.exact(), second.folded())) continue;
            String e = first.exact() + " " + second.exact();
            String f = first.folded() + " " + second.folded();
            if (!seen.add(e)) continue;
            pairs.add(new Probe(e, f, f, !e.equals(f), idf(docFreqs, IndexField.BIGRAMS, f, docs)));
        }
        return new QueryProfile(words, pairs);
    }

    /** Analyzes a passage's title, headings and body once, for {@link #coverage} (and the body's words for snippets). */
    PassageTerms passageTerms(QueryProfile profile, String title, String headingPath, List<Word> bodyWords) {
        return PassageTerms.of(List.of(Words.of(title == null ? "" : title), Words.of(headingPath == null ? "" : headingPath), bodyWords), profile);
    }

    public double confidence(QueryProfile profile, String title, String headingPath, String text) {
        return coverage(profile, passageTerms(profile, title, headingPath, Words.of(text))).confidence();
    }

    /** The two shares behind a confidence; NaN pairs when the question has a single word. */
    public record Coverage(double words, double pairs) {
        public double confidence() {
            if (Double.isNaN(pairs)) return words;
            return WORD_SHARE * words + (1 - WORD_SHARE) * pairs;
        }
    }

    Coverage coverage(QueryProfile profile, PassageTerms passage) {
        if (profile.isEmpty()) return new Coverage(0, Double.NaN);
        double wordShare = share(profile.words(), passage.exact(), passage.folded(), passage.stems(), true);
        if (profile.pairs().isEmpty()) return new Coverage(wordShare, Double.NaN);
        double pairShare = share(profile.pairs(), passage.exactPairs(), passage.foldedPairs(), passage.foldedPairs(), false);
        return new Coverage(wordShare, pairShare);
    }

    /** Each probe's weight and credit for one passage, for calibration tools: "w|p weight credit questionPart". */
    public List<String> explain(QueryProfile profile, String title, String headingPath, String text) {
        PassageTerms passage = passageTerms(profile, title, headingPath, Words.of(text));
        List<String> lines = new ArrayList<>();
        for (Probe probe : profile.words()) {
            lines.add("w " + probe.weight() + " " + credit(probe, passage.exact(), passage.folded(), passage.stems(), true) + " 0");
        }
        for (Probe probe : profile.pairs()) {
            boolean questionPart = java.util.Arrays.stream(probe.folded().split(" ")).anyMatch(QuestionWords::isFolded);
            lines.add("p " + probe.weight() + " " + credit(probe, passage.exactPairs(), passage.foldedPairs(), passage.foldedPairs(), false)
                    + " " + (questionPart ? 1 : 0));
        }
        return lines;
    }

    static double credit(Probe probe, Set<String> exactSet, Set<String> foldedSet, Set<String> stemSet, boolean words) {
        if (probe.marked()) {
            return exactSet.contains(probe.exact()) ? 1 : foldedSet.contains(probe.folded()) ? FOLDED_ONLY_CREDIT : 0;
        }
        return (words ? stemSet.contains(probe.stem()) : foldedSet.contains(probe.folded())) ? 1 : 0;
    }

    private static double share(List<Probe> probes, Set<String> exactSet, Set<String> foldedSet, Set<String> stemSet, boolean words) {
        double total = 0;
        double found = 0;
        for (Probe probe : probes) {
            total += probe.weight();
            found += credit(probe, exactSet, foldedSet, stemSet, words) * probe.weight();
        }
        return total == 0 ? 0 : found / total;
    }

    /**
     * About how many chunks hold a word of this stem: as a body word, plus as another word of the
     * same stem (the stem field holds only stems that differ from their word).
     */
    private static int stemFrequency(DocFreqs docFreqs, String stem, int docs) throws IOException {
        int asWord = docFreqs.of(new Term(IndexField.TEXT.fieldName(), stem));
        int asStem = docFreqs.of(new Term(IndexField.STEMMED.fieldName(), stem));
        return Math.min(docs, asWord + asStem);
    }

    private static double idf(DocFreqs docFreqs, IndexField field, String term, int docs) throws IOException {
        return idf(docFreqs.of(new Term(field.fieldName(), term)), docs);
    }

    /** BM25 idf, squared: a rare word missing from the passage should cost much more than a common one. */
    private static double idf(int df, int docs) {
        double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        return idf * idf;
    }
}
