package dev.tandem.kb.search;

import dev.tandem.kb.analysis.EnglishStemAnalyzer;
import dev.tandem.kb.analysis.FoldedAnalyzer;
import dev.tandem.kb.analysis.SyllableBigramAnalyzer;
import dev.tandem.kb.analysis.Tokens;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well a passage covers a question, in [0, 1]: the share of the question's content words found
 * in the passage (title, headings, body), each word weighted by its rarity in the index (BM25 idf),
 * averaged with the same share for adjacent word pairs. Question words ("what", "bao nhiêu", "có …
 * không") do not count. A word the index has never seen weighs the most, so a question about
 * something the corpus does not cover ("electric scooters", "vé máy bay") scores low even when its
 * common words match. Unlike a BM25 score, it is comparable across questions and can be thresholded.
 */
public final class ConfidenceEstimator {

    /** Question and function words, folded, that say nothing about the topic. */
    static final CharArraySet QUESTION_WORDS = questionWords();

    private final Analyzer words = new EnglishStemAnalyzer(QUESTION_WORDS);
    private final Analyzer folded = new FoldedAnalyzer();
    private final Analyzer pairs = new SyllableBigramAnalyzer();

    /** The weighted content words and word pairs of one question. */
    public record QueryProfile(Map<String, Double> words, Map<String, Double> pairs) {
        boolean isEmpty() {
            return words.isEmpty();
        }
    }

    public QueryProfile profile(IndexSearcher searcher, String question) throws IOException {
        int docs = Math.max(1, searcher.getIndexReader().numDocs());
        Map<String, Double> wordWeights = new LinkedHashMap<>();
        for (String word : Tokens.of(words, "q", question)) {
            wordWeights.put(word, idf(searcher, IndexField.STEMMED, word, docs));
        }
        List<String> tokens = Tokens.of(folded, "q", question);
        Map<String, Double> pairWeights = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String left = tokens.get(i);
            String right = tokens.get(i + 1);
            if (QUESTION_WORDS.contains(left) && QUESTION_WORDS.contains(right)) continue;
            String pair = left + " " + right;
            pairWeights.put(pair, idf(searcher, IndexField.BIGRAMS, pair, docs));
        }
        return new QueryProfile(wordWeights, pairWeights);
    }

    public double confidence(QueryProfile profile, String title, String headingPath, String text) {
        if (profile.isEmpty()) return 0;
        String passage = title + "\n" + headingPath + "\n" + text;
        double wordShare = share(profile.words(), new HashSet<>(Tokens.of(words, "p", passage)));
        if (profile.pairs().isEmpty()) return wordShare;
        Set<String> passagePairs = new HashSet<>();
        for (String part : List.of(title, headingPath, text)) passagePairs.addAll(Tokens.of(pairs, "p", part));
        double pairShare = share(profile.pairs(), passagePairs);
        return 0.5 * wordShare + 0.5 * pairShare;
    }

    private static double share(Map<String, Double> weights, Set<String> present) {
        double total = 0;
        double found = 0;
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            total += entry.getValue();
            if (present.contains(entry.getKey())) found += entry.getValue();
        }
        return total == 0 ? 0 : found / total;
    }

    private static double idf(IndexSearcher searcher, IndexField field, String term, int docs) throws IOException {
        int df = searcher.getIndexReader().docFreq(new Term(field.fieldName(), term));
        return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    }

    private static CharArraySet questionWords() {
        List<String> words = new ArrayList<>(List.of(
                // English question and filler words (the Lucene English stop set is added below)
                "what", "whats", "how", "when", "where", "which", "who", "whom", "why", "do", "does", "did",
                "can", "could", "would", "should", "i", "me", "my", "we", "our", "us", "you", "your",
                "is", "are", "am", "was", "were", "be", "been", "have", "has", "had", "any", "about",
                "please", "tell", "know", "want", "need", "get", "much", "many", "long", "there", "it", "its",
                "so", "some", "from", "than", "also", "just", "im", "i'm", "hi", "hello",
                // Vietnamese, folded: pronouns, question words, particles
                "toi", "minh", "em", "anh", "chi", "ban", "ho", "chung", "co", "khong", "ko", "k", "la", "gi",
                "nao", "nhieu", "lau", "vay", "a", "oi", "nhe", "nha", "a", "duoc", "hoi", "muon", "can",
                "lam", "sao", "the", "nhu", "dau", "ai", "khi", "nao", "thi", "va", "voi", "cua", "cho",
                "nay", "do", "neu", "ve", "da", "dang", "se", "roi", "chua", "hay", "hoac", "mot", "cac",
                "nhung", "bi", "o", "tai", "trong", "xin", "vui", "long", "giup", "biet", "ra", "vao", "len",
                "thu", "nhat"));
        CharArraySet set = new CharArraySet(words, true);
        set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return CharArraySet.unmodifiableSet(set);
    }
}
