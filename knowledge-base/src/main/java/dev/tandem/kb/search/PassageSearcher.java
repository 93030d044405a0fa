package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;
import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one question against the index: BM25 over the analyzed fields with the audience filter inside
 * the query, a per-document cap so one long document does not fill the list, then confidence and
 * a snippet for each chosen chunk from one segmentation of its text (kept per chunk: {@link ChunkCache}). Searchers come from a shared
 * {@link SearcherManager}.
 */
public final class PassageSearcher {

    /** At most this many chunks of one document in the first pass of picking results. */
    static final int CHUNKS_PER_DOCUMENT = 2;

    private final SearcherManager searchers;
    private final QueryFactory queries = new QueryFactory();
    private final ConfidenceEstimator confidence = new ConfidenceEstimator();
    private final ChunkCache chunks = new ChunkCache();
    private final VisibleChunks visible = new VisibleChunks();
    private final SharedTermStates termStates = new SharedTermStates();

    /** What counts as a common term for the first pass ({@link #rareFirst}): {@link #COMMON_SHARE}, {@link #COMMON_MIN_CHUNKS}. */
    private final double commonShare;
    private final long commonMinChunks;

    public PassageSearcher(SearcherManager searchers) {
        this(searchers, COMMON_SHARE, COMMON_MIN_CHUNKS);
    }

    /** With other limits for common terms (tests: the demo corpus is below {@link #COMMON_MIN_CHUNKS}). */
    PassageSearcher(SearcherManager searchers, double commonShare, long commonMinChunks) {
        this.searchers = searchers;
        this.commonShare = commonShare;
        this.commonMinChunks = commonMinChunks;
    }

    /** Best passages first; empty when the text has no searchable words. */
    public List<Passage> search(String text, Audience audience, int maxResults) throws IOException {
        QueryFactory.Clauses clauses = queries.clauses(text);
        if (clauses.full().isEmpty() || maxResults <= 0) return List.of();
        IndexSearcher searcher = searchers.acquire();
        try {
            // both passes and the confidence share one look-up per term
            TermLookups terms = new TermLookups(searcher, termStates);
            int wanted = maxResults * 4;
            TopDocs top = top(searcher, terms, clauses, audience, wanted);
            ScoreDoc[] chosen = diversify(searcher, top.scoreDocs, maxResults);
            ConfidenceEstimator.QueryProfile profile = confidence.profile(searcher, text, terms::docFreq);
            int[] docs = new int[chosen.length];
            for (int i = 0; i < chosen.length; i++) docs[i] = chosen[i].doc;
            ChunkCache.Chunk[] read = chunks.chunks(searcher, docs);
            List<Passage> passages = new ArrayList<>(chosen.length);
            for (int i = 0; i < chosen.length; i++) passages.add(toPassage(read[i], chosen[i].score, profile));
            return passages;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The best {@code wanted} chunks by the full query's score. With {@link #TWO_PASS}, a cheap
     * query (a third of the clauses, without its common terms: {@link #rareFirst}) picks {@link #CANDIDATES} chunks inside the audience filter, and
     * the rest of the full query's clauses score those only: a candidate's full score is its first
     * score plus the rest's (the same sum as the full query's, up to float rounding), so the clauses
     * of the first pass are not walked twice; the rest's scores are added term by term ({@link
     * TermLookups#addScores}), as a rescoring query would, without a scorer per term. Otherwise the full query runs over the index. Hit
     * counting stops at the number kept (the default counts to 1,000), so BM25 can skip
     * non-competitive documents early.
     */
    private TopDocs top(IndexSearcher searcher, TermLookups terms, QueryFactory.Clauses clauses, Audience audience, int wanted)
            throws IOException {
        if (!TWO_PASS || clauses.candidates().isEmpty()) return best(searcher, terms, clauses.full(), audience, wanted);
        Passes passes = rareFirst(searcher.getIndexReader().maxDoc(), terms, clauses, commonShare, commonMinChunks);
        int pool = Math.max(passes.commonLeftOut() ? CANDIDATES * RARE_FIRST_POOL : CANDIDATES, wanted);
        TopDocs first = best(searcher, terms, passes.candidates(), audience, pool);
        return new TopDocs(first.totalHits, terms.addScores(first.scoreDocs, passes.rest(), wanted));
    }

    /**
     * The clauses of the first pass, which picks the candidates, and of the rest, which only scores them;
     * {@code commonLeftOut} when the first pass left common terms out ({@link #rareFirst}).
     */
    record Passes(Map<Term, Float> candidates, Map<Term, Float> rest, boolean commonLeftOut) {}

    /**
     * The passes with the first pass's common terms moved to the rest, as in Lucene's {@code CommonTermsQuery}: a
     * term that more than {@code share} of the chunks hold ({@link #COMMON_SHARE}; "bảo", "hành", "máy" on a large
     * corpus), and more than {@code minChunks} ({@link #COMMON_MIN_CHUNKS}), makes the first pass walk long lists of
     * postings and seldom decides which chunks are worth scoring. The first pass then picks its candidates by the
     * question's rarer terms (always by its {@link #KEPT_RAREST} rarest ones), {@link #RARE_FIRST_POOL} times as many
     * as otherwise, and every candidate is still scored by every clause.
     * <p>
     * Measured (bench/RESULTS.md, 2026-11-25): on the 104,000-chunk speed corpus the search p99 fell from 1.9–2.2 to
     * 1.4–1.6 ms, and the top five hold as much of the one-pass query's best score as before (0.915 against 0.918 of
     * its top five's score sum, medians). On the demo knowledge (below the floor: unchanged) forced on with {@code
     * minChunks} 0, every question set's recall@1/5 and MRR@10 is the same or higher.
     */
    static Passes rareFirst(int maxDoc, TermLookups terms, QueryFactory.Clauses clauses, double share, long minChunks)
            throws IOException {
        Map<Term, Float> candidates = clauses.candidates();
        long common = Math.max((long) (share * maxDoc), minChunks);
        // no term is held by more chunks than the index has: on a small index nothing is looked up
        if (share >= 1 || common >= maxDoc || candidates.size() <= KEPT_RAREST) return new Passes(candidates, clauses.rest(), false);
        Map<Term, Integer> docFreq = new HashMap<>();
        boolean anyCommon = false;
        for (Term term : candidates.keySet()) {
            int df = terms.docFreq(term);
            docFreq.put(term, df);
            anyCommon |= df > common;
        }
        if (!anyCommon) return new Passes(candidates, clauses.rest(), false);
        List<Term> byRarity = new ArrayList<>(candidates.keySet());
        byRarity.sort(Comparator.comparingInt(docFreq::get));
        Map<Term, Float> rare = new LinkedHashMap<>();
        Map<Term, Float> rest = new LinkedHashMap<>(clauses.rest());
        int held = 0; // kept terms that some chunk holds (a stem the index keeps no chunk for does not count)
        for (Term term : byRarity) {
            int df = docFreq.get(term);
            if (df <= common || held < KEPT_RAREST) {
                rare.put(term, candidates.get(term));
                if (df > 0) held++;
            } else {
                rest.merge(term, candidates.get(term), Float::sum);
            }
        }
        return new Passes(rare, rest, true);
    }

    /**
     * A first-pass term held by more than this share of the chunks only scores the candidates ({@link #rareFirst});
     * {@code -Dtandem.kb.commonShare=1} keeps every term in the first pass.
     */
    static final double COMMON_SHARE = Double.parseDouble(System.getProperty("tandem.kb.commonShare", "0.1"));

    /**
     * Nor is a term held by at most this many chunks ({@code -Dtandem.kb.commonMinChunks}): on a small index every
     * list of postings is short, and the first pass keeps every term as before.
     */
    static final long COMMON_MIN_CHUNKS = Long.getLong("tandem.kb.commonMinChunks", 1_000);

    /**
     * A first pass without its common terms keeps this many times {@link #CANDIDATES}. With 1 its top five kept less
     * of the one-pass query's best score on the speed corpus (0.885 against 0.918, medians), with 2 as much (0.915),
     * with 4 more (0.941) but the p99 gain was mostly gone.
     */
    static final int RARE_FIRST_POOL = Integer.getInteger("tandem.kb.rareFirstPool", 2);

    /** The first pass keeps at least this many of its rarest terms that some chunk holds, however common. */
    static final int KEPT_RAREST = 2;

    /**
     * The {@code n} best visible chunks by the disjunction of {@code weights}: scored a term at a
     * time when the terms have at most {@link #TERM_AT_A_TIME_POSTINGS} postings ({@link
     * TermLookups#topByTerms}), else by Lucene's query inside the audience filter; the same chunks and scores.
     */
    private TopDocs best(IndexSearcher searcher, TermLookups terms, Map<Term, Float> weights, Audience audience, int n)
            throws IOException {
        TopDocs byTerms = terms.topByTerms(weights, reader -> visible.of(reader, audience), n, TERM_AT_A_TIME_POSTINGS);
        if (byTerms != null) return byTerms;
        return searcher.search(filtered(terms.disjunction(weights), audience), new TopScoreDocCollectorManager(n, n));
    }

    /**
     * Up to this many postings in all, a pass reads its terms' postings itself instead of running a
     * query (0: always the query); see {@link TermLookups#topByTerms}.
     */
    static final int TERM_AT_A_TIME_POSTINGS = Integer.getInteger("tandem.kb.termAtATimePostings", 4096);

    /** The scoring query inside the audience filter ({@link AudienceFilter}'s rule, its matches kept: {@link VisibleChunks}). */
    private Query filtered(Query scoring, Audience audience) {
        return new BooleanQuery.Builder()
                .add(scoring, BooleanClause.Occur.MUST)
                .add(visible.filter(audience), BooleanClause.Occur.FILTER)
                .build();
    }

    /** Whether searches pick candidates with a cheap first pass; see {@link #top}. */
    static final boolean TWO_PASS = !Boolean.getBoolean("tandem.kb.onePass");

    /** How many candidates the first pass keeps for the full query to score. */
    static final int CANDIDATES = Integer.getInteger("tandem.kb.candidates", 20);

    /**
     * How many chunks {@code audience} may see hold each of the question's topic words: {@code
     * written} as typed, {@code exact} (lower case, marks kept), {@code chunks} in that form (with its
     * marks when typed with marks, else folded or by English stem) and {@code anyForm} (folded or by
     * stem, in title, headings or body). Question words, words under three letters (folded) and plain
     * numbers are left out. Counted inside the audience filter, so private documents neither make a
     * word known to others nor reveal that they hold it. One hit count per word and form.
     */
    public List<TermRarity> termRarity(String text, Audience audience) throws IOException {
        List<TermRarity> out = new ArrayList<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> seen = new java.util.HashSet<>();
            for (Word w : Words.of(text)) {
                String folded = w.folded();
                if (folded.length() < 3 || folded.chars().allMatch(Character::isDigit) || !seen.add(w.exact())) continue;
                if (dev.tandem.kb.analysis.QuestionWords.is(w.exact(), folded)) continue;
                List<Term> anyField = new ArrayList<>(7);
                // the stem field holds only stems that differ from their word: a stem that is itself
                // a word is looked up among the folded words too
                for (String form : w.stem().equals(folded) ? List.of(folded) : List.of(folded, w.stem())) {
                    for (IndexField field : List.of(IndexField.TEXT, IndexField.TITLE, IndexField.HEADING_PATH)) {
                        anyField.add(new Term(field.fieldName(), form));
                    }
                }
                anyField.add(new Term(IndexField.STEMMED.fieldName(), w.stem()));
                int anyForm = count(searcher, anyField, audience);
                boolean marked = !w.exact().equals(folded);
                int chunks = !marked || anyForm == 0 ? anyForm
                        : count(searcher, List.of(new Term(IndexField.EXACT.fieldName(), w.exact())), audience);
                out.add(new TermRarity(text.substring(w.start(), w.end()), w.exact(), chunks, anyForm));
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** One topic word of a question and how many visible chunks hold it; see {@link #termRarity}. */
    public record TermRarity(String written, String exact, int chunks, int anyForm) {}

    /**
     * How many live chunks {@code audience} may see hold any of {@code terms}: what {@code
     * IndexSearcher.count} of their disjunction inside the audience filter gives, counted from the
     * terms' postings and the audience's kept chunks ({@link VisibleChunks}) without building a query.
     */
    int count(IndexSearcher searcher, List<Term> terms, Audience audience) throws IOException {
        int count = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            FixedBitSet holding = VisibleChunks.holdingAny(reader, terms);
            if (holding == null) continue;
            holding.and(visible.of(reader, audience));
            Bits live = reader.getLiveDocs();
            if (live == null) {
                count += holding.cardinality();
                continue;
            }
            for (int doc = holding.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                 doc = doc + 1 < holding.length() ? holding.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                if (live.get(doc)) count++;
            }
        }
        return count;
    }

    /** Up to {@code max} hits in score order, at most {@link #CHUNKS_PER_DOCUMENT} per document unless too few others match. */
    private ScoreDoc[] diversify(IndexSearcher searcher, ScoreDoc[] hits, int max) throws IOException {
        List<ScoreDoc> picked = new ArrayList<>();
        List<ScoreDoc> held = new ArrayList<>();
        Map<String, Integer> perDoc = new HashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc hit : hits) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            String path = chunks.docPath(leaf, hit.doc - leaf.docBase);
            if (perDoc.merge(path, 1, Integer::sum) <= CHUNKS_PER_DOCUMENT) picked.add(hit);
            else held.add(hit);
            if (picked.size() == max) break;
        }
        for (ScoreDoc hit : held) {
            if (picked.size() == max) break;
            picked.add(hit);
        }
        picked.sort((a, b) -> Float.compare(b.score, a.score));
        return picked.toArray(ScoreDoc[]::new);
    }

    private Passage toPassage(ChunkCache.Chunk chunk, float score, ConfidenceEstimator.QueryProfile profile) {
        double covered = confidence.coverage(profile, ConfidenceEstimator.PassageTerms.of(chunk, profile)).confidence();
        return new Passage(
                chunk.chunkId,
                chunk.docPath,
                chunk.title,
                chunk.headingPath,
                chunk.text,
                SnippetMaker.snippet(chunk, profile),
                chunk.url,
                chunk.lang,
                chunk.audience,
                chunk.contentHash,
                score,
                covered);
    }
}
