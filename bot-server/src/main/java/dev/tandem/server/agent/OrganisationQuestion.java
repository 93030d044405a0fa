package dev.tandem.server.agent;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question for which company, brand or bank ("Which courier company delivers orders placed on the website?",
 * "đơn hàng đặt online do hãng vận chuyển nào giao", "ngân hàng nào hỗ trợ trả góp") and whether a passage names
 * one. The answer is a name ("Vietcombank, Techcombank", "MoMo, ZaloPay"); the delivery policy, which says who pays
 * and how long it takes but names no courier, shares the question's words and cannot say which.
 * <p>
 * A name is a capitalised word inside a sentence (a sentence, a line or a table cell starts with a capital anyway),
 * other than the company's own names, the words the documents capitalise for parties, tiers and days ("Bên A",
 * "Thứ Hai") and the names of places ("Phú Quốc": a delivery page lists them). Unmarked "hang nao" is as often "cửa hàng nào" (which shop) as "hãng nào", so only the compounds that
 * say company ("hang van chuyen", "ngan hang nao") count there.
 */
final class OrganisationQuestion {

    /** As typed with marks. */
    private static final Pattern VI_MARKED = Pattern.compile(
            "(?<!\\p{L})(hãng|thương hiệu|công ty|ngân hàng|đơn vị vận chuyển|nhà sản xuất)( \\p{L}+){0,2} (nào|gì)(?!\\p{L})|(?<!\\p{L})hãng vận chuyển(?!\\p{L})");
    /** Folded, for a question typed without marks. */
    private static final Pattern VI_FOLDED = Pattern.compile(
            "\\b(thuong hieu|cong ty|ngan hang|don vi van chuyen|nha san xuat) nao\\b|\\bhang van chuyen\\b");
    /** Folded English. */
    private static final Pattern EN = Pattern.compile("\\b(which|what) (\\w+ )?(company|companies|brand|brands|manufacturer|courier|couriers"
            + "|carrier|carriers|bank|banks)\\b|\\bwho (makes|manufactures|delivers)\\b");
    /**
     * A capitalised word inside a sentence — after a lower-case letter, a digit, a comma or a colon and a space (and
     * emphasis) — with a lower-case letter in it: "Vietcombank", "VPBank", "MoMo", not the "SMS", "VND" of any page.
     */
    private static final Pattern NAME = Pattern.compile("[\\p{Ll}\\p{N},;:] \\**(\\p{Lu}\\p{L}*\\p{Ll}\\p{L}*)");
    /** The company's own names and the words the documents capitalise that name no other organisation. */
    private static final Set<String> NOT_NAMES = Set.of("Mekong", "Home", "Foods", "JSC", "Xanh", "Mì", "Official", "Bên", "Điều",
            "Thứ", "Chủ", "Phím", "Press", "Tier", "Bậc", "Clause");

    private OrganisationQuestion() {}

    /** Whether the question asks which company, brand or bank. */
    static boolean asks(QuestionText question) {
        if (question.english()) return EN.matcher(question.folded()).find();
        return question.holds(VI_MARKED, VI_FOLDED);
    }

    /** Whether a passage (label and text) names an organisation other than the company itself. */
    static boolean namesOne(PassageText passage) {
        Matcher m = NAME.matcher(passage.text());
        while (m.find()) {
            String name = m.group(1);
            if (!NOT_NAMES.contains(name) && !Places.partOfPlace(name)) return true;
        }
        return false;
    }
}
