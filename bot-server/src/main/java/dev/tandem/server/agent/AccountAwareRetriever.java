package dev.tandem.server.agent;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.server.agent.tools.IdentityLookup;
import dev.tandem.server.chat.Identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The passages a model sees for a question. It searches with the question as typed and, when the
 * {@link Lexicon} knows its abbreviations or concepts, once more with them written out and in
 * their other forms ("phí ship bn" also as "phí giao hàng bao nhiêu", "giá sỉ" also as "wholesale
 * price"); it merges both candidate lists and keeps the passages that {@link PassageRanker} finds
 * cover the question best. When a signed-in business customer asks about "our contract", the
 * account's own contract comes first: general documents often outrank a contract clause on words
 * alone, but for that question the contract is what binds. It only reorders and trims what the
 * audience filter already allowed.
 */
final class AccountAwareRetriever implements ContentRetriever {

    private static final Pattern ABOUT_OUR_CONTRACT = Pattern.compile(
            "\\b(hop dong|phu luc|contract|agreement|chung toi|cong ty (toi|minh|chung toi)|ben (toi|minh)|our|we|us)\\b");

    private final ContentRetriever search;
    private final double minConfidence;
    private final IdentityLookup identities;
    private final int maxResults;

    /**
     * @param search        a few times more passages than an answer uses, without a confidence floor:
     *                      this retriever picks among them
     * @param minConfidence the floor of the question's own search; the search with the lexicon's forms
     *                      has none, since the added forms lower every passage's share of the query's words
     */
    AccountAwareRetriever(ContentRetriever search, double minConfidence, IdentityLookup identities, int maxResults) {
        this.search = search;
        this.minConfidence = minConfidence;
        this.identities = identities;
        this.maxResults = maxResults;
    }

    /**
     * A first search whose best passage holds this share of the question, and every price or fee it
     * asks about, needs no second search with the lexicon's forms: that search (and its passages'
     * confidence and snippets) is most of the retrieval cost.
     */
    private static final double COVERED = 0.75;

    @Override
    public List<Content> retrieve(Query query) {
        // one search, read first with the floor, and again without it when the lexicon adds nothing
        // to the question: the same search twice would return the same passages
        List<Content> all = search.retrieve(query);
        Map<String, Content> found = new LinkedHashMap<>();
        add(found, all.stream().filter(c -> KnowledgeBase.toPassage(c).confidence() >= minConfidence).toList());
        PassageRanker.Question question = PassageRanker.Question.of(query.text());
        QuestionText text = QuestionText.of(Lexicon.normalize(query.text()));
        List<QuantityQuestion.Kind> measures = measures(text);
        Predicate<PassageText> asked = statesAsked(text, measures);
        Ordered ordered = order(query, question, asked, found);
        String normalized = Lexicon.normalize(query.text());
        String expansion = Lexicon.expansion(normalized);
        boolean lexiconHasMore = !normalized.equals(query.text()) || !expansion.isEmpty();
        // a best passage that shares the question's words but states no quantity of the kind asked ("nồi cơm MH-RC18 …
        // 18 tháng" for "nặng bao nhiêu ký"), or no address for "where is … in Da Nang", is no answer: the search with the
        // lexicon's forms ("trọng lượng", "trung tâm bảo hành") is still worth making
        boolean coveredAlready = ordered.best() != null && ordered.best().coverage() >= COVERED && ordered.best().requiredConcepts()
                && ordered.bestStatesAsked();
        // a first search that finds fewer passages than an answer uses was held back by its floor
        // (informal words dilute the question's share): search again without it
        boolean few = found.size() < maxResults;
        if ((lexiconHasMore || few) && !coveredAlready) {
            String expanded = (normalized + " " + expansion).strip();
            add(found, expanded.equals(query.text()) ? all : search.retrieve(Query.from(expanded, query.metadata())));
            ordered = order(query, question, asked, found);
        }
        // no passage found states the measure asked of a model ("What does the MH-AF80D weigh?"): its specification's row
        // shares one word with the question, which the passages naming the model throughout outscore; search for the row
        if (!measures.isEmpty() && !ordered.bestStatesAsked() && addMeasureStatement(query, measures, found)) {
            ordered = order(query, question, asked, found);
        }
        // no passage an answer would quote states the value asked ("What time does … close?": no time of day; "phí …
        // bao nhiêu": no amount): one more search with the question and the words that name such a value
        AskedValue value = AskedValue.of(text);
        String valueWords = value.searchWords();
        if (valueWords != null && ordered.contents().stream().limit(maxResults).map(KnowledgeBase::toPassage)
                .noneMatch(p -> value.statedIn(label(p) + "\n" + p.text()))) {
            Content row = firstFound(query, query.text() + " " + valueWords,
                    p -> !found.containsKey(p.chunkId()) && value.statedIn(label(p) + "\n" + p.text()));
            if (row != null) {
                found.put(KnowledgeBase.toPassage(row).chunkId(), row);
                ordered = order(query, question, asked, found);
            }
        }
        List<Content> chosen = new ArrayList<>(ordered.contents().subList(0, Math.min(maxResults, ordered.contents().size())));
        addHoldersOfCompounds(query, chosen);
        return List.copyOf(chosen);
    }

    /**
     * What a passage must state to answer the question, or null when nothing in particular: a quantity of each measured
     * kind it asks for, but a duration (nearly every policy states one: warranty months, delivery days, return days, so
     * stating one does not set a passage apart); an address when it asks where something is in a place it names.
     */
    private static Predicate<PassageText> statesAsked(QuestionText question, List<QuantityQuestion.Kind> kinds) {
        boolean address = Places.asksAddress(question);
        if (kinds.isEmpty() && !address) return null;
        return p -> QuantityQuestion.statesAll(kinds, p) && (!address || Places.statesAddress(p));
    }

    /** The kinds of measured quantity a question asks for, but a duration ({@link #statesAsked} says why). */
    private static List<QuantityQuestion.Kind> measures(QuestionText question) {
        return QuantityQuestion.asks(question).stream()
                .filter(k -> k != QuantityQuestion.Kind.DURATION).toList();
    }

    /**
     * One search with the question's models and the measures' own words; adds the best passage found that names one of
     * the models and states every measure. Whether one was added. A question naming no model makes no search: the
     * measure's words alone find every product's row.
     */
    private boolean addMeasureStatement(Query query, List<QuantityQuestion.Kind> kinds, Map<String, Content> found) {
        Set<String> models = PassageRanker.models(query.text());
        if (models.isEmpty()) return false;
        StringBuilder words = new StringBuilder(String.join(" ", models));
        for (QuantityQuestion.Kind k : kinds) words.append(' ').append(k.searchWords());
        Content row = firstFound(query, words.toString(), p -> !found.containsKey(p.chunkId())
                && PassageRanker.modelsOf(label(p), p.text()).stream().anyMatch(models::contains)
                && QuantityQuestion.statesAll(kinds, new PassageText(label(p) + "\n" + p.text())));
        if (row == null) return false;
        found.put(KnowledgeBase.toPassage(row).chunkId(), row);
        return true;
    }

    /** The first passage one more search with {@code text} (the query's audience) finds that passes {@code holds}; null when none. */
    private Content firstFound(Query query, String text, Predicate<Passage> holds) {
        for (Content c : search.retrieve(Query.from(text, query.metadata()))) {
            if (holds.test(KnowledgeBase.toPassage(c))) return c;
        }
        return null;
    }

    /**
     * Passages in the order a model should see them, with the best-ranked one (null when none) and whether it states
     * what the question asks for ({@link #statesAsked}; true when it asks for nothing in particular).
     */
    private record Ordered(List<Content> contents, PassageRanker.Ranked best, boolean bestStatesAsked) {}

    /** The account's own contract first for an "our contract" question, then by {@link PassageRanker}. */
    private Ordered order(Query query, PassageRanker.Question question, Predicate<PassageText> asked, Map<String, Content> found) {
        List<Content> pool = new ArrayList<>(found.values());
        List<Content> ordered = new ArrayList<>();
        Identity who = identities.identityOf(String.valueOf(query.metadata() == null ? null : query.metadata().chatMemoryId()));
        if (!who.isAnonymous() && ABOUT_OUR_CONTRACT.matcher(Language.fold(query.text())).find()) {
            String own = "account:" + who.accountId();
            for (Content c : pool) if (own.equals(KnowledgeBase.toPassage(c).audience())) ordered.add(c);
            pool.removeAll(ordered);
        }
        List<PassageRanker.Candidate> candidates = new ArrayList<>();
        for (Content c : pool) {
            Passage p = KnowledgeBase.toPassage(c);
            candidates.add(new PassageRanker.Candidate(label(p), p.text(), p.lang(), p.confidence()));
        }
        List<PassageRanker.Ranked> ranked = new ArrayList<>(PassageRanker.rank(candidates, question));
        // a question for a measured quantity ("nặng bao nhiêu ký") or an address: the passages that state one first
        boolean[] states = new boolean[candidates.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = asked == null || asked.test(new PassageText(candidates.get(i).label() + "\n" + candidates.get(i).text()));
        }
        if (asked != null) ranked.sort(java.util.Comparator.comparing(r -> !states[r.index()]));
        for (PassageRanker.Ranked r : ranked) ordered.add(pool.get(r.index()));
        return ranked.isEmpty() ? new Ordered(ordered, null, true)
                : new Ordered(ordered, ranked.getFirst(), states[ranked.getFirst().index()]);
    }

    /** At most this many of a question's compounds are looked up on their own. */
    private static final int MAX_COMPOUND_LOOKUPS = 2;

    /**
     * For a Vietnamese compound of the question that none of the chosen passages holds ("tối đa",
     * "bấm phím"), or a name ("Tân Định", a shop the question mentions while asking about returns), a passage that does,
     * if any visible one does: the answerer reads a compound or a name absent from every passage as a sign the documents
     * do not cover it, so the passages must show every one the documents hold. Costs a search only for such words.
     */
    private void addHoldersOfCompounds(Query query, List<Content> chosen) {
        List<Set<String>> held = new ArrayList<>();
        for (Content c : chosen) {
            Passage p = KnowledgeBase.toPassage(c);
            held.add(PassageRanker.pairs(label(p), p.text()));
        }
        List<String> pairs = Compounds.inPairs(query.text(), held).pairs();
        Set<String> ids = new HashSet<>();
        for (Content c : chosen) ids.add(KnowledgeBase.toPassage(c).chunkId());
        for (String pair : pairs.subList(0, Math.min(MAX_COMPOUND_LOOKUPS, pairs.size()))) {
            addHolder(query, pair, List.of(Language.fold(pair)), chosen, ids);
        }
        List<String> names = Compounds.namesNotHeld(query.text(), held);
        for (String name : names.subList(0, Math.min(MAX_COMPOUND_LOOKUPS, names.size()))) {
            addHolder(query, name, PassageRanker.pairs(name), chosen, ids);
        }
    }

    /** Adds the first passage a search for {@code text} finds that holds every one of {@code pairs} (folded), if new. */
    private void addHolder(Query query, String text, java.util.Collection<String> pairs, List<Content> chosen, Set<String> ids) {
        Content holder = firstFound(query, text, p -> PassageRanker.pairs(label(p), p.text()).containsAll(pairs));
        if (holder != null && ids.add(KnowledgeBase.toPassage(holder).chunkId())) chosen.add(holder);
    }

    private static String label(Passage p) {
        String heading = p.headingPath() == null || p.headingPath().isBlank() ? "" : " › " + p.headingPath();
        return p.title() + heading;
    }

    /** Adds contents not yet found, keeping for a passage found twice the version with the higher confidence. */
    private static void add(Map<String, Content> found, List<Content> contents) {
        for (Content c : contents) {
            Passage p = KnowledgeBase.toPassage(c);
            Content before = found.get(p.chunkId());
            if (before == null || KnowledgeBase.toPassage(before).confidence() < p.confidence()) found.put(p.chunkId(), c);
        }
    }
}
