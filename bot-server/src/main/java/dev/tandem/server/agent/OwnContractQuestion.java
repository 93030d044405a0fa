package dev.tandem.server.agent;

import java.util.regex.Pattern;

/**
 * A question about the customer's own contract ("What late-payment interest does our agreement charge?", "Lãi phạt
 * chậm thanh toán theo hợp đồng của chúng tôi là bao nhiêu?") and whether a passage is contract terms. The consumer
 * pages share such a question's words ("0% interest" on instalments, "thanh toán") and say nothing about what the
 * customer signed: only a contract, its annex or the trade terms can.
 */
final class OwnContractQuestion {

    /** Folded: "our/my contract/agreement", "hợp đồng của chúng tôi / bên mình / công ty tôi", "theo hợp đồng". */
    private static final Pattern ASKS = Pattern.compile(
            "\\b(our|my) (contract|agreement)\\b|\\bhop dong (cua )?(chung toi|ben minh|cong ty (toi|minh|em))\\b|\\btheo hop dong\\b");
    /** Folded titles of contract terms: a contract, an agreement, an annex, the trade terms. */
    private static final Pattern TERMS = Pattern.compile("\\b(hop dong|contract|agreement|phu luc|dieu khoan|terms)\\b");

    private OwnContractQuestion() {}

    /** Whether the question asks about the customer's own contract. */
    static boolean asks(QuestionText question) {
        return ASKS.matcher(question.folded()).find();
    }

    /** Whether a source label (document title and headings) is contract terms. */
    static boolean isTerms(String label) {
        return TERMS.matcher(Language.fold(label.toLowerCase(java.util.Locale.ROOT))).find();
    }
}
