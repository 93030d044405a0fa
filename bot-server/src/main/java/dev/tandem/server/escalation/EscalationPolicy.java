package dev.tandem.server.escalation;

import dev.tandem.server.agent.Language;
import dev.tandem.server.chat.Identity;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, from rules and the verified identity rather than from the model, when a message goes to
 * a human: the visitor asks for one, or an identified B2B account reports a batch defect (several
 * faulty units of one delivery), which contracts route to the account manager.
 */
public final class EscalationPolicy {

    /** Why a conversation is handed over. */
    public enum Reason { ASKED_FOR_HUMAN, BATCH_DEFECT }

    /**
     * The engine's rules and the offline answerer's, merged ("người" alone no longer counts: "máy có cần
     * người lắp không?" asks about installation, not for an agent). A phrase one pattern already
     * covers is not repeated in another ("nhân viên", "human" or "người thật" on their own: the last one).
     */
    private static final List<Pattern> ASKS_FOR_HUMAN = List.of(
            Pattern.compile("\\b(gap|noi chuyen voi|chuyen|ket noi|can|muon)\\b.{0,20}\\b(nhan vien|nguoi that|tu van vien|nguoi ho tro|tong dai vien)\\b"),
            Pattern.compile("\\b(talk|speak|chat|connect me)\\b.{0,20}\\b(agent|human|person|someone|representative|staff)\\b"),
            Pattern.compile("^agent\\W*$"),
            Pattern.compile("\\b(gap|noi chuyen voi|chuyen (cho|sang|toi)|ket noi( voi)?|can|muon gap|goi) (nhan vien|tu van vien|nguoi that)\\b"
                    + "|\\bnhan vien (ho tro|cham soc|tu van)\\b.*\\b(di|giup|voi)\\b|^nhan vien( oi| a| nhe)?\\W*$|\\bnguoi that\\b"
                    + "|\\b(talk|speak|chat) (to|with) (an? )?(human|agent|person|someone|representative|real person)\\b"
                    + "|\\b(human|real person|live agent|representative)( please)?\\W*$|\\bconnect me\\b|\\bescalate\\b"));
    private static final Pattern QUANTITY = Pattern.compile("\\b(\\d{1,5})\\s*(units?|pcs|pieces|cai|chiec|may|bo|noi|am|san pham|thung|cartons?|air fryers?|kettles?|rice cookers?|purifiers?|[a-z]+ (fryers?|cookers?|purifiers?))\\b");
    private static final Pattern BATCH_WORDS = Pattern.compile("\\b(batch|lot|delivery|shipment|lo hang|lo|dot giao|don hang|chuyen hang)\\b");
    private static final Pattern FAULT_WORDS = Pattern.compile(
            "\\b(won'?t|doesn'?t|don'?t|not|no longer|broken|faulty|defect\\w*|error|fail\\w*|dead|(khong|ko) (chay|hoat dong|nong|len|bat)|hong|hu|loi|bi loi|ngung)\\b");
    private static final int BATCH_THRESHOLD = 5; // contracts: same fault on 5 or more units of one delivery

    public Optional<Reason> evaluate(Identity who, String text) {
        return readText(text).filter(reason -> reason == Reason.ASKED_FOR_HUMAN || !who.isAnonymous());
    }

    /**
     * What the text alone says, whoever says it: it asks to talk to a person, or it reports one
     * fault on several units of one delivery (five or more, or a batch word with a number) — a fault,
     * not a price or stock question that happens to name a quantity ("giá sỉ 50 máy ... không?" is
     * no defect). The one rule set for the engine, which hands the conversation over before any agent
     * runs ({@link #evaluate} routes a batch defect only for an identified account), and for the
     * offline answerer, which offers the same.
     */
    public static Optional<Reason> readText(String text) {
        String t = fold(text);
        for (Pattern p : ASKS_FOR_HUMAN) {
            if (p.matcher(t).find()) return Optional.of(Reason.ASKED_FOR_HUMAN);
        }
        return isBatchDefect(t) ? Optional.of(Reason.BATCH_DEFECT) : Optional.empty();
    }

    private static boolean isBatchDefect(String t) {
        Matcher m = QUANTITY.matcher(t);
        boolean many = false;
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) >= BATCH_THRESHOLD) many = true;
        }
        boolean batchy = many || BATCH_WORDS.matcher(t).find() && t.matches(".*\\b\\d{2,}\\b.*");
        return batchy && FAULT_WORDS.matcher(t).find();
    }

    /** {@link Language#fold}, with typographic apostrophes made plain ("won’t" → "won't") and runs of spaces made one. */
    static String fold(String text) {
        return Language.fold(text).replace('’', '\'').replaceAll("\\s+", " ").strip();
    }
}
