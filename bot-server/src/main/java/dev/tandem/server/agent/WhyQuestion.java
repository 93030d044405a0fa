package dev.tandem.server.agent;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A question for a reason ("Vì sao ấm MH-KT17 sôi rồi mà không tự ngắt?", "Tại sao Phở Gà có gluten?", "Why does my
 * rice cooker buzz?") and whether a passage gives one. A passage that states the fact asked about without a reason
 * ("Cửa sổ quan sát · Không", "Head office: 18 Võ Văn Ngân") shares the question's words and does not answer it:
 * quoting it answers another question. A reason is written with a causal or purpose word ("vì", "do", "để",
 * "because", "to prevent"), as a consequence ("… sẽ có mùi", "normal with moist food"), or in a troubleshooting
 * table, whose rows pair a symptom with its cause ("Nguyên nhân", "Cause", "Other problems").
 */
final class WhyQuestion {

    /** Folded: "why", "how come", "tại sao", "vì sao", "sao … lại". */
    private static final Pattern ASKS = Pattern.compile("\\b(why|how come|tai sao|vi sao|sao lai)\\b");
    /** As written, lower case: Vietnamese words that give a cause, a purpose or a consequence, and troubleshooting. */
    private static final Pattern VI_REASON = Pattern.compile("(?<!\\p{L})(vì|bởi|do|nguyên nhân|lý do|khiến|gây|dẫn đến|để|nhằm"
            + "|giúp|nên|bình thường|sẽ|sự cố)(?!\\p{L})");
    /** Folded English: the same. */
    private static final Pattern EN_REASON = Pattern.compile("\\b(because|since|due to|caus\\w*|reasons?|so that|in order to"
            + "|to (prevent|avoid|protect|keep|stop|reduce|ensure|allow|let)|prevent\\w*|normal\\w*|otherwise|result\\w*|help\\w*"
            + "|troubleshoot\\w*|problems?)\\b");

    private WhyQuestion() {}

    /** Whether the question asks why. */
    static boolean asks(QuestionText question) {
        return ASKS.matcher(question.folded()).find();
    }

    /** Whether a passage (label and text) in language {@code lang} gives a reason for anything. */
    static boolean givesReason(PassageText passage, String lang) {
        return "en".equals(lang) ? EN_REASON.matcher(passage.folded()).find() : VI_REASON.matcher(passage.lower()).find();
    }

    /** Whether one sentence gives a reason: the sentences to quote first for a why-question. */
    static boolean givesReason(String sentence, String lang) {
        return "en".equals(lang)
                ? EN_REASON.matcher(Language.fold(sentence)).find()
                : VI_REASON.matcher(sentence.toLowerCase(Locale.ROOT)).find();
    }
}
