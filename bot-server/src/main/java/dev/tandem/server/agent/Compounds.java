package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Vietnamese compounds of a question that a set of passages does not hold. Vietnamese writes a
 * word as separate syllables, and syllables that all occur somewhere but never together ("tủ"
 * and "lạnh", "giám" and "đốc") are how a question names a thing the documents do not cover.
 * Only syllables that carry the topic count: not question words, pronouns, particles or
 * prepositions ("mấy", "phải", "rồi", "của"). Written with marks, "máy" (machine) is content and
 * "mấy" (how many) is not; typed without marks, an ambiguous syllable counts as a function word,
 * so that fewer pairs are taken for compounds.
 */
final class Compounds {

    private static final Set<String> FUNCTION = Set.copyOf(List.of(
            "mấy", "phải", "rồi", "ai", "vì", "trong", "trước", "sau", "nên", "hay", "hoặc", "thế", "nào", "đâu",
            "gì", "lâu", "xa", "bao", "nhiêu", "để", "đã", "đang", "sẽ", "bị", "được", "có", "không", "là", "của",
            "cho", "với", "và", "thì", "mà", "ở", "tại", "ra", "vào", "lên", "xuống", "tới", "đến", "từ", "theo", "về",
            "như", "này", "kia", "đó", "nữa", "cũng", "vẫn", "còn", "chỉ", "rất", "quá", "hơn", "nhất", "các",
            "những", "một", "mỗi", "mọi", "muốn", "cần", "hãy", "xin", "giúp", "ạ", "nhé", "nha", "vậy", "ơi",
            "tôi", "mình", "bạn", "em", "anh", "chị", "chúng", "ta", "họ", "bên", "khi", "lúc", "nếu", "mất",
            "giờ", "làm", "sao", "thể", "hiện", "nay", "hả", "à", "vâng", "dạ", "shop", "mekong", "home", "thôi",
            "đi", "lại", "hết", "ngày", "tháng", "năm", "cái", "chiếc",
            // adverbs and particles of informal questions ("nhận hàng rồi mới trả", "cứ kêu", "có sao không nhỉ")
            "mới", "cứ", "luôn", "hơi", "lắm", "đều", "cùng", "nhau", "bởi", "chưa", "đây", "ấy", "nhỉ", "nè",
            "chứ", "cả", "vài", "ít", "nhiều", "sắp", "bấy",
            // numbers and quantities written as words: the documents write "50%", "tối đa 3 m"
            "trăm", "nghìn", "ngàn", "triệu", "tỷ", "chục", "mươi", "phần", "tối", "đa", "thiểu"));
    /** Typed without marks: the function words, less those whose folded form is more often a content word ("tu": tủ, từ; "cu": cũ; "chua": chữa). */
    private static final Set<String> FUNCTION_FOLDED = FUNCTION.stream().map(Language::fold)
            .filter(w -> !Set.of("tu", "cu", "chua").contains(w)).collect(Collectors.toUnmodifiableSet());
    /** The shape of one Vietnamese syllable, folded: an onset, one vowel group, an allowed coda. */
    private static final java.util.regex.Pattern NON_LETTER = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final java.util.regex.Pattern SYLLABLE = java.util.regex.Pattern.compile(
            "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?");

    private Compounds() {}

    /**
     * @param pairs  the unknown compounds as typed, lower case ("tủ lạnh")
     * @param share  the share of the question's topic tokens (content syllables, codes, other
     *               words) that are in them
     */
    record Unknown(List<String> pairs, double share) {
        static final Unknown NONE = new Unknown(List.of(), 0);
    }

    /**
     * Pairs of adjacent content syllables of a Vietnamese question, neither of which forms with a
     * neighbouring content syllable a pair that one of {@code texts} holds, and neither of which
     * the {@link Lexicon} knows. English questions have none.
     */
    static Unknown in(String question, List<String> texts) {
        List<Set<String>> held = new ArrayList<>();
        for (String t : texts) held.add(PassageRanker.pairs(t));
        return inPairs(question, held);
    }

    /** As {@link #in}, with each text given as its word pairs ({@link PassageRanker#pairs}). */
    static Unknown inPairs(String question, List<Set<String>> textPairs) {
        String normalized = Lexicon.normalize(question);
        if (!Language.detect(normalized).equals("vi")) return Unknown.NONE;
        List<String> words = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        List<Boolean> content = new ArrayList<>();
        int topic = 0;
        for (String token : NON_LETTER.split(normalized)) {
            if (token.isEmpty()) continue;
            String w = token.toLowerCase(java.util.Locale.ROOT);
            // a capital after the first word marks a name ("kho Huế"): names are checked by their own counts
            boolean name = !words.isEmpty() && Character.isUpperCase(token.codePointAt(0));
            words.add(Language.fold(w));
            typed.add(w);
            content.add(!name && content(w));
            if (content.getLast() || topical(w)) topic++;
        }
        Set<String> lexicon = new HashSet<>();
        for (Lexicon.Concept k : Lexicon.concepts(normalized)) {
            lexicon.addAll(k.words());
        }
        int n = words.size();
        boolean[] anchored = new boolean[n];
        for (int i = 0; i < n; i++) {
            anchored[i] |= !content.get(i) || lexicon.contains(words.get(i));
            // either order: Vietnamese puts a modifier after or before ("điểm tích lũy", "tích điểm")
            if (i > 0 && content.get(i - 1) && content.get(i) && (heldBy(textPairs, words.get(i - 1) + " " + words.get(i))
                    || heldBy(textPairs, words.get(i) + " " + words.get(i - 1)))) {
                anchored[i] = anchored[i - 1] = true;
            }
        }
        List<String> pairs = new ArrayList<>();
        Set<Integer> in = new HashSet<>();
        for (int i = 1; i < n; i++) {
            if (!anchored[i - 1] && !anchored[i]) {
                pairs.add(typed.get(i - 1) + " " + typed.get(i));
                in.add(i - 1);
                in.add(i);
            }
        }
        return pairs.isEmpty() ? Unknown.NONE : new Unknown(List.copyOf(pairs), in.size() / (double) Math.max(1, topic));
    }

    /** Runs of two or more capitalised words, separated by spaces only ("Phương Nam", "Lotus Hotels", "Mì Bò Hầm"). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "\\p{Lu}[\\p{L}\\p{N}]*(?:[ \\t]+\\p{Lu}[\\p{L}\\p{N}]*)+");

    /**
     * The names of two or more words in a question, in either language, that none of the texts holds
     * as written together: the word pairs of "Phương Nam" exist apart ("phương thức", "Việt Nam"), so
     * single-word counts do not show that no passage is about that name. The question's first word is
     * capitalised anyway and is not part of a name; single letters ("I") are not either.
     */
    static List<String> namesNotHeld(String question, List<Set<String>> textPairs) {
        String normalized = Lexicon.normalize(question).strip();
        List<String> names = new ArrayList<>();
        var m = NAME.matcher(normalized);
        while (m.find()) {
            List<String> words = new ArrayList<>();
            for (String w : m.group().split("[ \\t]+")) if (w.length() > 1) words.add(Language.fold(w));
            if (m.start() == 0 && !words.isEmpty()) words.removeFirst();
            for (int i = 1; i < words.size(); i++) {
                String a = words.get(i - 1), b = words.get(i);
                // pairs of two stopwords are not indexed as pairs ("Mekong Home": every document says it)
                if (PassageRanker.STOPWORDS.contains(a) && PassageRanker.STOPWORDS.contains(b)) continue;
                if (!heldBy(textPairs, a + " " + b)) {
                    names.add(String.join(" ", words));
                    break;
                }
            }
        }
        return names;
    }

    private static boolean heldBy(List<Set<String>> textPairs, String pair) {
        for (Set<String> pairs : textPairs) if (pairs.contains(pair)) return true;
        return false;
    }

    /** A token that is not a Vietnamese content syllable but still names the topic: a code ("MH-AF80D" gives "af80d") or another word ("voucher"). */
    private static boolean topical(String token) {
        String folded = Language.fold(token);
        return folded.length() > 1 && !PassageRanker.STOPWORDS.contains(folded) && !FUNCTION_FOLDED.contains(folded)
                && !FUNCTION.contains(token) && !folded.chars().allMatch(Character::isDigit);
    }

    /**
     * Whether a lower-case token, as typed, is a Vietnamese function word. With marks, when it is
     * one as written ("mấy", not "máy"); without marks in a question typed with them, as written
     * too ("chi" is not "chị"); in a question typed without any marks, when its folded form may be
     * one ("roi", "phai"), unless that form is as often a common content syllable ("may": máy).
     */
    static boolean function(String token, boolean questionMarked) {
        String folded = Language.fold(token);
        if (!folded.equals(token) || questionMarked) return FUNCTION.contains(token);
        return FUNCTION_FOLDED.contains(folded) && !MOSTLY_CONTENT.contains(folded);
    }

    /** Unmarked syllables that in a shop's questions are as often a thing or an action as a function word: máy, mặt, hỗ/hộ, chi/chỉ, đo/độ, bán, lắm/làm. */
    private static final Set<String> MOSTLY_CONTENT = Set.of("may", "mat", "ho", "chi", "do", "ban", "lam");

    /** Whether a lower-case word, folded, has the shape of a Vietnamese syllable ("hotline", "zalo", "ro100" do not). */
    static boolean syllable(String word) {
        return SYLLABLE.matcher(Language.fold(word)).matches();
    }

    /**
     * Whether a lower-case syllable, as typed, is a Vietnamese one that carries meaning: not a
     * function word, a number, a code or an English word.
     */
    static boolean content(String syllable) {
        String folded = Language.fold(syllable);
        if (syllable.length() < 2 || !SYLLABLE.matcher(folded).matches()) return false;
        if (!folded.equals(syllable)) return !FUNCTION.contains(syllable);
        return !PassageRanker.STOPWORDS.contains(folded) && !FUNCTION_FOLDED.contains(folded);
    }
}
