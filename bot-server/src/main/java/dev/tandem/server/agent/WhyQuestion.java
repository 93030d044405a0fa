package dev.tandem.server.agent;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A question for a reason ("Vì sao ấm MH-KT17 sôi rồi mà không tự ngắt?", "Tại sao Phở Gà có gluten?", "Why does my
 * rice cooker buzz?") and whether a passage gives one. A passage that states the fact asked about without a reason
 * ("Cửa sổ quan sát · Không", "Head office: 18 Võ Văn Ngân") shares the question's words and does not answer it:
 * quoting it answers another question. A reason is written with a causal or purpose word ("vì", "do", "để",
 * "theo quy định", "because", "to prevent"), as a consequence ("… sẽ có mùi", "normal with moist food"), or in a
 * troubleshooting section, whose table rows pair a symptom with its cause ("Xử lý sự cố", "Other problems"). The
 * reason must be about what is asked: a sentence that gives one shares two words with the question (the manual's
 * "hơi nóng có thể gây bỏng" does not say why a fryer has no window). A reason for something else in a sentence about
 * the same product ("Mì Tôm Chua Cay … in mã lô … để truy xuất nguồn gốc" for "why more sodium") still passes, as does
 * "để" meaning "leave" ("Để máy lọc khoảng 30 phút"): words cannot tell those apart.
 */
final class WhyQuestion {

    /** Folded: "why", "how come", "tại sao", "vì sao", "sao … lại". */
    private static final Pattern ASKS = Pattern.compile("\\b(why|how come|tai sao|vi sao|sao lai)\\b");
    /** As written, lower case: Vietnamese words that give a cause, a purpose or a consequence, and troubleshooting. */
    private static final Pattern VI_REASON = Pattern.compile("(?<!\\p{L})(vì|bởi|do|nguyên nhân|lý do|khiến|gây|dẫn đến|để|nhằm"
            + "|giúp|nên|bình thường|sẽ|theo quy định|theo luật)(?!\\p{L})");
    /** Folded English: the same. */
    private static final Pattern EN_REASON = Pattern.compile("\\b(because|since|due to|caus\\w*|reasons?|so that|in order to"
            + "|to (prevent|avoid|protect|keep|stop|reduce|ensure|allow|let)|prevent\\w*|normal\\w*|otherwise|result\\w*|help\\w*"
            + "|trigger\\w*|lead\\w* to|required by|by law|regulations?)\\b");
    /** Folded, in a passage's label: a troubleshooting section, whose rows give causes in their own words. */
    private static final Pattern TROUBLESHOOTING = Pattern.compile("\\b(xu ly su co|su co thuong gap|troubleshoot\\w*|problems?)\\b");
    /** A sentence gives the reason asked for when it shares this many of the question's words. */
    private static final int SHARED_WORDS = 2;
    /** Folded: the words that ask why, which no reason needs to share. */
    private static final Set<String> ASKING = Set.of("why", "how", "come", "tai", "vi", "sao", "lai");

    private WhyQuestion() {}

    /**
     * What a why-question needs of a passage: a reason that shares {@link #SHARED_WORDS} of {@code words} (the
     * question's words but those that ask why, by their English stems: "fogs" is "fog"); {@link #NONE} when the
     * question does not ask why. Worked out once per question, not once per candidate passage.
     */
    record Asked(Set<String> words) {
        static final Asked NONE = new Asked(null);

        boolean asksWhy() {
            return words != null;
        }

        /**
         * Whether a passage in language {@code lang} gives a reason for what is asked: it is a troubleshooting
         * section, or one of its sentences gives a reason and shares {@link #SHARED_WORDS} of {@link #words}.
         * Always true when the question does not ask why.
         */
        boolean answeredBy(String label, String text, String lang) {
            if (words == null || TROUBLESHOOTING.matcher(Language.fold(label)).find()) return true;
            for (String sentence : PassageRanker.SENTENCE_END.split(text)) {
                if (!givesReason(sentence, lang)) continue;
                int shared = 0;
                for (String w : PassageRanker.terms(sentence)) {
                    if (words.contains(EnglishYesNoQuestion.stem(w)) && ++shared >= SHARED_WORDS) return true;
                }
            }
            return false;
        }
    }

    /** What {@code question} asks for when it asks why; {@link Asked#NONE} otherwise. */
    static Asked of(QuestionText question) {
        if (!ASKS.matcher(question.folded()).find()) return Asked.NONE;
        Set<String> words = new HashSet<>();
        for (String w : PassageRanker.terms(question.normalized())) if (!ASKING.contains(w)) words.add(EnglishYesNoQuestion.stem(w));
        return new Asked(words);
    }

    /** Whether one sentence gives a reason: the sentences to quote first for a why-question. */
    static boolean givesReason(String sentence, String lang) {
        return "en".equals(lang)
                ? EN_REASON.matcher(Language.fold(sentence)).find()
                : VI_REASON.matcher(sentence.toLowerCase(Locale.ROOT)).find();
    }
}
