package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Orders passages by how well they answer a question: retrieval confidence plus how much of the
 * question they hold — its words, its word pairs (in Vietnamese single syllables say little), its
 * concepts in any form the {@link Lexicon} knows, in one sentence rather than scattered, and in the
 * heading of the section. The retriever uses it to pick the passages a model sees; the offline
 * answerer uses it to pick the passage it quotes.
 */
final class PassageRanker {

    static final Set<String> STOPWORDS = Set.copyOf(List.of(
            "the", "a", "an", "is", "are", "of", "to", "in", "for", "and", "or", "how", "what", "my", "your",
            "do", "does", "can", "i", "you", "it", "on", "with", "long", "la", "gi", "co", "khong", "cua",
            "toi", "ban", "nao", "bao", "khi", "thi", "va", "cho", "duoc", "minh", "em", "nhe", "vay",
            // words that every document holds, or that only shape a question
            "mekong", "home", "shop", "hien", "nay", "nhieu", "mot", "cac", "nhung", "tai", "ve", "voi", "de", "se",
            "da", "dang", "bi", "lam", "sao", "muon", "can", "hoi", "xin", "oi", "nha", "ah", "please",
            "much", "many", "there", "be", "will", "which", "who", "where", "when", "why", "any", "about", "get",
            "have", "has", "from", "at", "by", "if", "me", "we", "our", "us", "this", "that", "than"));

    /** Sentence boundaries in a passage: after . ! ? … or at a line break. */
    static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n+");
    private static final Pattern TOKEN = Pattern.compile("[^\\p{L}\\p{N}]+");
    /**
     * A model number: the company's prefix and a code ("MH-RO200", "MH-AF80D"), or the code alone as customers type
     * it ("RO200", "uf50", "rc18ih": two letters and two to four digits), whose group is the code. A part's code names
     * no model ("MH-F-RO100", the RO100's membrane).
     */
    private static final Pattern MODEL = Pattern.compile("(?i)\\bMH-?([A-Z]{1,3}[0-9]{1,4}[A-Z]{0,3})\\b|(?<![-\\w])([A-Z]{2}[0-9]{2,4}[A-Z]{0,3})\\b");
    private static final Pattern ABOUT_CONTRACT = Pattern.compile(
            "(?s).*\\b(hop dong|contract|phu luc|sla|chung toi|cong ty (toi|minh)|our|we)\\b.*");

    /** Weight of the passage's share of the question's words in its score. */
    private static final double COVERAGE_WEIGHT = 0.5;
    /** Weight of the best single sentence's share: the answer quotes sentences, so words that meet in one sentence answer better. */
    private static final double SENTENCE_WEIGHT = 0.3;
    /** Weight of the share of the question's words in the title and headings (an FAQ heading is often the question itself). */
    private static final double LABEL_WEIGHT = 0.3;
    /** Weight of the share of the question's lexicon concepts the passage names in some form. */
    private static final double CONCEPT_WEIGHT = 0.3;
    /** Preference for a passage in the question's language: the lexicon lets a passage in the other language cover the question as fully. */
    private static final double SAME_LANGUAGE = 0.3;
    /** Penalty for a passage that does not name a required concept of the question (a price, a fee): it cannot answer it. */
    private static final double REQUIRED_MISSING = 0.5;
    /** Preference for a contract clause when the question is about the customer's own terms. */
    private static final double CONTRACT = 0.3;

    /** A passage as the ranker reads it. */
    record Candidate(String label, String text, String lang, double confidence) {}

    /** A candidate with how much of the question it covers, its combined score, and whether it names every required concept asked. */
    record Ranked(int index, Candidate candidate, double coverage, double score, boolean requiredConcepts) {}

    /** What the ranker compares passages with, prepared once per question. */
    record Question(String lang, Set<String> terms, Set<String> pairs, Set<String> models,
                    List<Lexicon.Concept> concepts, boolean aboutContract, List<PairForms> pairForms, Question asking) {

        Question(String lang, Set<String> terms, Set<String> pairs, Set<String> models,
                 List<Lexicon.Concept> concepts, boolean aboutContract) {
            this(lang, terms, pairs, models, concepts, aboutContract, PairForms.of(pairs), null);
        }

        static Question of(String question) {
            return PREPARED.get(question);
        }

        /** The retriever and the answerer each prepare the turn's question. */
        private static final RecentResults<Question> PREPARED = new RecentResults<>(Question::prepare);

        private static Question prepare(String question) {
            Question whole = prepareOne(question);
            String asking = askingSentences(question);
            return asking == null ? whole : whole.withAsking(prepareOne(asking));
        }

        /** This question, with the sentences of it that ask ({@link #askingSentences}) prepared on their own. */
        private Question withAsking(Question asked) {
            return new Question(lang, terms, pairs, models, concepts, aboutContract, pairForms, asked);
        }

        private static Question prepareOne(String question) {
            String normalized = Lexicon.normalize(question);
            String folded = Language.fold(normalized);
            String lang = Language.detect(normalized);
            Set<String> terms = PassageRanker.terms(normalized);
            Set<String> pairs = PassageRanker.pairs(normalized);
            List<Lexicon.Concept> concepts = Lexicon.concepts(normalized);
            if (lang.equals("vi")) {
                // what a passage must hold is the topic, not how the question is put: "phải", "rồi",
                // "lâu" and the pairs they form ("thì phải") count neither for nor against a passage;
                // inside a concept the lexicon knows ("báo trước"), they are part of the topic
                Set<String> shaping = shapingWords(normalized);
                for (Lexicon.Concept k : concepts) shaping.removeAll(k.words());
                if (!shaping.isEmpty() && !shaping.containsAll(terms)) {
                    terms = new HashSet<>(terms);
                    terms.removeAll(shaping);
                }
                Set<String> topical = new HashSet<>();
                for (String p : pairs) {
                    int cut = p.indexOf(' ');
                    String a = p.substring(0, cut), b = p.substring(cut + 1);
                    if (!shaping.contains(a) && !shaping.contains(b)) topical.add(p);
                }
                pairs = topical;
            }
            return new Question(lang, terms, pairs, PassageRanker.models(normalized),
                    concepts, ABOUT_CONTRACT.matcher(folded).matches());
        }

        /** This question without {@code words} (folded) and the pairs holding them, unless nothing would be left. */
        Question without(Set<String> words) {
            if (words.isEmpty() || words.containsAll(terms)) return this;
            Set<String> keptTerms = new HashSet<>(terms);
            keptTerms.removeAll(words);
            if (keptTerms.size() == terms.size()) return this;
            Set<String> keptPairs = new HashSet<>();
            for (String p : pairs) {
                int cut = p.indexOf(' ');
                if (!words.contains(p.substring(0, cut)) && !words.contains(p.substring(cut + 1))) keptPairs.add(p);
            }
            Question kept = new Question(lang, keptTerms, keptPairs, models, concepts, aboutContract);
            return asking == null ? kept : kept.withAsking(asking.without(words));
        }

        /** The folded forms of a Vietnamese question's function words ({@link Compounds#function}) that it does not also use as content words. */
        private static Set<String> shapingWords(String normalized) {
            Set<String> function = new HashSet<>();
            Set<String> content = new HashSet<>();
            String lower = normalized.toLowerCase(Locale.ROOT);
            boolean marked = !Language.fold(lower).equals(lower);
            for (String token : TOKEN.split(lower)) {
                if (token.isEmpty()) continue;
                (Compounds.function(token, marked) ? function : content).add(Language.fold(token));
            }
            function.removeAll(content);
            return function;
        }
    }

    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+");

    /**
     * The sentences of a question that ask, when it also tells ("I need to check it fits on my counter under the
     * cabinet.", "Nhà tôi ở Bến Tre, mùa khô nước máy bị nhiễm mặn."): those ending with a question mark, when some do
     * and others do not; else null. The context is the customer's, not the documents': a passage that answers the asking
     * sentence may hold little of the story around it.
     */
    static String askingSentences(String question) {
        String sentences = asking(question);
        String withoutPurpose = withoutPurpose(sentences == null ? question.strip() : sentences);
        return withoutPurpose != null ? withoutPurpose : sentences;
    }

    private static String asking(String question) {
        String[] sentences = SENTENCE_BREAK.split(question.strip());
        if (sentences.length < 2) return null;
        StringBuilder asking = new StringBuilder();
        int kept = 0;
        for (String s : sentences) {
            if (s.strip().endsWith("?")) {
                asking.append(asking.isEmpty() ? "" : " ").append(s.strip());
                kept++;
            }
        }
        return kept == 0 || kept == sentences.length ? null : asking.toString();
    }

    /**
     * A Vietnamese purpose clause with its own subject, up to the question's closing particle: "Ở Hải Phòng có cửa hàng
     * nào [để tôi qua xem tận mắt nồi chiên trước khi mua] không?" asks whether there is a shop; why the customer wants
     * one is theirs. Marked or typed without marks.
     */
    private static final Pattern PURPOSE = Pattern.compile(
            "(?iu)\\s+(?:để|de)\\s+(?:tôi|toi|mình|minh|em|anh|chị|chi|chúng tôi|chung toi|bọn mình|bon minh|nhà mình|nha minh)\\s.*?"
                    + "(?=\\s+(?:được không|duoc khong|không|khong|ko|chưa|chua)\\s*[?.!]*\\s*$)");

    /** The question without its purpose clause ({@link #PURPOSE}); null when it has none, or nothing else would be left. */
    private static String withoutPurpose(String question) {
        var m = PURPOSE.matcher(question);
        if (!m.find() || m.start() < 8) return null;
        return question.substring(0, m.start()) + question.substring(m.end());
    }

    private PassageRanker() {}

    /** The candidates best first. */
    static List<Ranked> rank(List<Candidate> candidates, String questionText) {
        return rank(candidates, questionText, Set.of());
    }

    /**
     * The candidates best first, not counting {@code unknown} (folded words no visible document
     * holds in any form) in the question's share: no passage can hold them.
     */
    static List<Ranked> rank(List<Candidate> candidates, String questionText, Set<String> unknown) {
        return rank(candidates, Question.of(questionText).without(unknown));
    }

    /** The candidates best first for a question prepared once ({@link Question#of}). */
    static List<Ranked> rank(List<Candidate> candidates, Question q) {
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) ranked.add(score(i, candidates.get(i), q));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static Ranked score(int index, Candidate c, Question q) {
        Passage p = Passage.of(c.label(), c.text());
        View whole = p.whole();
        // a model number the passage does not mention, when it names others, means it is about another product
        boolean sameModels = q.models().isEmpty() || p.models().isEmpty() || q.models().stream().anyMatch(p.models()::contains);
        boolean[] wholeHolds = held(q, whole);
        long conceptsHeld = 0;
        boolean required = true;
        for (int k = 0; k < wholeHolds.length; k++) {
            if (wholeHolds[k]) conceptsHeld++;
            else if (q.concepts().get(k).required()) required = false;
        }
        if (!sameModels) return new Ranked(index, c, 0, c.confidence(), required);
        double coverage = share(q, whole, wholeHolds);
        // a question that tells its story before asking: the share of the asking sentences counts too
        // ("What can I do?" names nothing: then the story is all the question says, and every passage would hold "all" of it)
        if (q.asking() != null && !q.asking().terms().isEmpty()) coverage = Math.max(coverage, share(q.asking(), whole, held(q.asking(), whole)));
        double sentence = 0;
        for (View line : p.sentences()) sentence = Math.max(sentence, share(q, line, held(q, line)));
        double inLabel = share(q, p.label(), held(q, p.label()));
        double concepts = q.concepts().isEmpty() ? 0 : conceptsHeld / (double) q.concepts().size();
        double score = c.confidence() + COVERAGE_WEIGHT * coverage + SENTENCE_WEIGHT * sentence + LABEL_WEIGHT * inLabel
                + CONCEPT_WEIGHT * concepts
                + (q.lang().equals(c.lang()) ? SAME_LANGUAGE : 0)
                + (q.aboutContract() && isContract(c.label()) ? CONTRACT : 0)
                - (required ? 0 : REQUIRED_MISSING);
        return new Ranked(index, c, coverage, score, required);
    }

    /** A folded text's content words, word pairs and padded form (see {@link Lexicon#padded}). */
    private record View(Set<String> terms, Set<String> pairs, String padded) {
        static View of(String folded) {
            String[] words = Language.words(folded);
            return new View(termsOf(words), pairsOf(words), " " + String.join(" ", words).strip() + " ");
        }
    }

    /**
     * What the ranker reads in one passage whatever the question: the views of the whole passage
     * (label and text), of its label and of each sentence, and the model numbers it names. Folding
     * and splitting are most of the ranking cost, and the same passages come back turn after turn
     * (and twice within a turn: the retriever ranks them, then the offline answerer reads them back
     * from the prompt), so they are kept in a bounded cache keyed by the passage's own label and
     * text: a changed document is a different key, never a stale entry.
     */
    private record Passage(View whole, View label, List<View> sentences, Set<String> models) {
        static Passage of(String label, String text) {
            return PASSAGES.get(new Key(label, text), key -> compute(label, text));
        }

        private static Passage compute(String label, String text) {
            // folded once: folding (Unicode decomposition) is the costly step, and every measure reads folded words
            String foldedLabel = fold(label);
            String foldedText = fold(text);
            List<View> sentences = new ArrayList<>();
            for (String line : SENTENCE_END.split(foldedText)) sentences.add(View.of(line));
            return new Passage(View.of(foldedLabel + " " + foldedText), View.of(foldedLabel), List.copyOf(sentences),
                    PassageRanker.models(label + " " + text));
        }
    }

    /**
     * Passages analysed lately. The demo benchmark reads 517 distinct ones (a passage appears in two
     * labelled forms, from the index and from the prompt); an entry holds its views' word and pair
     * sets, some tens of KB (the benchmark's whole live heap was 35 MB with 517 entries), so the
     * bound keeps it to a few tens of MB. Least recently used out first.
     */
    private static final int PASSAGE_CACHE_SIZE = 1024;
    private static final BoundedCache<Key, Passage> PASSAGES = new BoundedCache<>(PASSAGE_CACHE_SIZE);

    /**
     * A passage's label and text as a cache key: their hash codes are each computed once per string
     * and kept by it, where a key joining both was a new string, copied and hashed on every look-up.
     */
    private record Key(String label, String text) {}

    /** The word pairs of a passage's label and text together: {@link #pairs} of {@code label + " " + text}, from the cache. */
    static Set<String> pairs(String label, String text) {
        return Passage.of(label, text).whole().pairs();
    }

    /**
     * The share of the question a text holds: its words, and in Vietnamese the mean with its word
     * pairs. A word or pair inside a concept the text names in another form counts as held;
     * {@code holds} tells, per concept of the question, whether the text names it ({@link #held}).
     */
    private static double share(Question q, View text, boolean[] holds) {
        boolean viaConcepts = false;
        for (boolean h : holds) viaConcepts |= h;
        int held = 0;
        for (String t : q.terms()) if (text.terms().contains(t) || viaConcepts && inHeldConcept(q, holds, t)) held++;
        double words = q.terms().isEmpty() ? 1 : held / (double) q.terms().size();
        if (!q.lang().equals("vi") || q.pairs().isEmpty()) return words;
        int phrases = 0;
        for (PairForms p : q.pairForms()) {
            if (text.pairs().contains(p.pair()) || text.pairs().contains(p.reversed())
                    || viaConcepts && inHeldConcept(q, holds, p.first()) && inHeldConcept(q, holds, p.second())) phrases++;
        }
        return (words + phrases / (double) q.pairs().size()) / 2;
    }

    /** Per concept of the question, whether the text names it in some form. */
    private static boolean[] held(Question q, View text) {
        boolean[] holds = new boolean[q.concepts().size()];
        for (int k = 0; k < holds.length; k++) holds[k] = q.concepts().get(k).heldBy(text.padded());
        return holds;
    }

    /** Whether {@code word} is one of the words of a concept the text names. */
    private static boolean inHeldConcept(Question q, boolean[] holds, String word) {
        for (int k = 0; k < holds.length; k++) if (holds[k] && q.concepts().get(k).words().contains(word)) return true;
        return false;
    }

    /**
     * A question's word pair with the same two syllables in the other order ({@link #reversed}) and
     * each syllable: made once per question, not for every sentence it is compared with.
     */
    record PairForms(String pair, String reversed, String first, String second) {
        static List<PairForms> of(Set<String> pairs) {
            List<PairForms> forms = new ArrayList<>(pairs.size());
            for (String p : pairs) {
                int cut = p.indexOf(' ');
                forms.add(new PairForms(p, PassageRanker.reversed(p), p.substring(0, cut), p.substring(cut + 1)));
            }
            return List.copyOf(forms);
        }
    }

    /** "diem tich" → "tich diem": the same two syllables in the other order, as a passage may write them. */
    private static String reversed(String pair) {
        int cut = pair.indexOf(' ');
        return pair.substring(cut + 1) + ' ' + pair.substring(0, cut);
    }

    static boolean isContract(String label) {
        String l = Language.fold(label);
        return l.startsWith("hop dong") || l.contains("contract") || l.contains("phu luc");
    }

    /** The model numbers a passage (label and text) names, as the ranker read them ({@link #models}): kept with its other views. */
    static Set<String> modelsOf(String label, String text) {
        return Passage.of(label, text).models();
    }

    /** Product model numbers by their code, upper-cased: "MH-RO200" and "ro200" are both RO200. */
    static Set<String> models(String text) {
        Set<String> found = new HashSet<>();
        var m = MODEL.matcher(text);
        while (m.find()) found.add((m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(Locale.ROOT));
        return found;
    }

    /** Adjacent word pairs with at least one content word: "bảo hành" and "máy lọc" carry meaning single syllables do not. */
    static Set<String> pairs(String text) {
        return pairsOf(Language.words(fold(text)));
    }

    private static Set<String> pairsOf(String[] words) {
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < words.length; i++) {
            if (words[i - 1].isEmpty() || words[i].isEmpty()) continue;
            if (STOPWORDS.contains(words[i - 1]) && STOPWORDS.contains(words[i])) continue;
            pairs.add(words[i - 1] + " " + words[i]);
        }
        return pairs;
    }

    /** "18%" also as the words a question uses for it ("phần trăm", "percent"). */
    private static String withPercentWords(String text) {
        return text.indexOf('%') < 0 ? text : text.replace("%", "% phần trăm percent ");
    }

    /** The content words of a text, folded. */
    static Set<String> terms(String text) {
        return termsOf(Language.words(fold(text)));
    }

    private static Set<String> termsOf(String[] words) {
        Set<String> terms = new HashSet<>();
        for (String w : words) {
            if (w.length() > 1 && !STOPWORDS.contains(w)) terms.add(w);
        }
        return terms;
    }

    /** Folded, with "%" also as words. */
    private static String fold(String text) {
        return Language.fold(withPercentWords(text));
    }
}
