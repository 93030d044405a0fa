package dev.tandem.server.agent;

import java.util.regex.Pattern;

/**
 * A question for a person ("Who is our on-call engineer?", "Who founded Mekong Home?", "quản lý tài khoản của
 * bên mình là ai", "kế toán trưởng tên là gì") and whether a passage names one. The documents name people with
 * a title before the name ("Ông Đỗ Minh Khoa", "Bà Trần Thu Hà", "Mr Võ Thành Đạt"); a passage naming nobody —
 * the company's story, an invoicing clause that mentions the accountant — cannot say who, however many of the
 * question's words it shares. "Ai chịu phí ship", "who pays the return shipping" ask for a party (the customer,
 * Mekong Home), not a person, and are left to the other checks.
 */
final class PersonQuestion {

    /** Folded: "who is/are/was …", "who" + a verb of leading or founding; "… là ai", "ai là …", "tên (là) gì". */
    private static final Pattern ASKS = Pattern.compile(
            "\\bwho(s| is| are| was| were| founded| owns| runs| manages| leads| heads| started| created)\\b"
                    + "|\\bla ai\\b|\\bai la\\b|\\bten (la )?gi\\b");
    /** A person as the documents name one: a title, then a capitalised name ("\\b" is ASCII-only: "Ông" starts no word for it). */
    private static final Pattern PERSON = Pattern.compile("(?<!\\p{L})(Ông|Bà|Anh|Chị|Mr|Mrs|Ms|Dr)\\.?\\s+\\p{Lu}");

    private PersonQuestion() {}

    /** Whether the question asks who someone is. */
    static boolean asks(QuestionText question) {
        return ASKS.matcher(question.folded()).find();
    }

    /** Whether a passage (label and text) names a person. */
    static boolean namesPerson(PassageText passage) {
        return PERSON.matcher(passage.text()).find();
    }
}
