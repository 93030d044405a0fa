package dev.tandem.server.agent;

import dev.tandem.server.escalation.EscalationPolicy;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer message asks for, as far as the offline answerer can tell without a language
 * model: small talk, a human, a lookup by number, account data, or a question for the documents.
 * Works on folded text, so Vietnamese typed without diacritics is understood too.
 */
enum Intent {
    GREETING, THANKS, HUMAN, BATCH_DEFECT, WARRANTY_LOOKUP, OPEN_TICKETS, ACCOUNT_SUMMARY, QUESTION;

    /** Serial numbers like MH-RO200-25031234 and order numbers like MH2611230457. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?i)(?<![\\w-])(MH-[A-Z0-9]{2,8}-\\d{6,10}|MH\\d{10})(?![\\w-])");
    private static final Pattern YES = Pattern.compile("^(co|vang|da|dong y|ok|oke|yes|yep|sure|please|yes please|co a|vang a|da co|co nhe)\\W*$");
    private static final Pattern GREETING_WORDS = Pattern.compile(
            "^(xin chao|chao ban|chao shop|chao em|chao anh|chao chi|chao|hello|hi|hey|good (morning|afternoon|evening)|alo)\\b");
    private static final Pattern THANKS_WORDS = Pattern.compile(
            "^(cam on|cam on ban|thanks|thank you|thank u|thx|tks)\\b|\\b(cam on|thank you|thanks)\\W*$");
    private static final Pattern TICKETS = Pattern.compile(
            "\\b(my|our) (open )?tickets?\\b|\\bticket (cua|nao)\\b|\\b(phieu|yeu cau) ho tro (cua|dang)\\b|\\bticket dang mo\\b");
    private static final Pattern ACCOUNT = Pattern.compile(
            "\\b(account manager|quan ly tai khoan|our account|my account|tai khoan cua (chung )?toi|sla (cua|tier))\\b");

    static Intent detect(String question, boolean previousReplyOfferedHuman) {
        if (previousReplyOfferedHuman && YES.matcher(folded(question)).matches()) return HUMAN;
        return DETECTED.get(question);
    }

    /** The answerer and the output check each read the turn's question. */
    private static final RecentResults<Intent> DETECTED = new RecentResults<>(Intent::detectOnce);

    private static String folded(String question) {
        return Language.fold(question).replaceAll("\\s+", " ").strip();
    }

    /** What the question asks for when the previous reply offered no human. */
    private static Intent detectOnce(String question) {
        String q = folded(question);
        var handOver = EscalationPolicy.readText(question);
        if (handOver.isPresent()) return handOver.get() == EscalationPolicy.Reason.ASKED_FOR_HUMAN ? HUMAN : BATCH_DEFECT;
        if (number(question).isPresent() && isWarrantyCheck(question)) return WARRANTY_LOOKUP;
        if (TICKETS.matcher(q).find()) return OPEN_TICKETS;
        // the account asked about, not one the story mentions ("Quản lý tài khoản gửi email mời tôi … Link mời đó có hiệu
        // lực trong bao lâu?" asks the documents how long an invitation lasts)
        String asking = PassageRanker.askingSentences(question);
        String a = asking == null ? q : folded(asking);
        if (ACCOUNT.matcher(a).find() && !q.contains("hop dong") && !q.contains("contract")) return ACCOUNT_SUMMARY;
        if (isSmallTalk(q, GREETING_WORDS)) return GREETING;
        if (isSmallTalk(q, THANKS_WORDS)) return THANKS;
        return QUESTION;
    }

    /** The serial or order number in the text, upper-cased. */
    static Optional<String> number(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? Optional.of(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    private static final Pattern WARRANTY_WORDS = Pattern.compile(
            "\\b(bao hanh|warranty|guarantee|covered|coverage|con han|het han|kiem tra|check|tra cuu|look up|status)\\b");

    /** A number with warranty words, or a number on its own: "MH-RO200-25031234 sản xuất tháng mấy?" is a question for the documents. */
    private static boolean isWarrantyCheck(String question) {
        String q = Language.fold(question);
        if (WARRANTY_WORDS.matcher(q).find()) return true;
        String rest = Language.fold(NUMBER.matcher(question).replaceAll(" ")).replaceAll("[^a-z0-9 ]", " ").strip();
        return rest.isEmpty() || rest.split("\\s+").length <= 3;
    }

    /**
     * Words of a bare lookup ("Kiểm tra giúp em số MH-… còn bảo hành không", "Is MH-… still under warranty?"), folded:
     * the warranty words, pronouns, particles, the names of the number itself and of the product it belongs to.
     */
    private static final Set<String> LOOKUP_WORDS = Set.of(
            "kiem", "tra", "cuu", "xem", "giup", "dum", "ho", "voi", "nhe", "nha", "a", "ah", "ak", "vay", "the", "nay", "do",
            "cua", "toi", "minh", "em", "anh", "chi", "ban", "shop", "ad", "cho", "la", "so", "se", "ri", "seri", "serial",
            "ma", "don", "hang", "may", "san", "pham", "con", "het", "han", "bao", "hanh", "khong", "chua", "thong", "tin",
            "tinh", "trang", "please", "check", "look", "up", "status", "warranty", "guarantee", "is", "it", "still", "under",
            "in", "my", "for", "of", "this", "number", "order", "product", "unit", "thanks", "thank", "you", "can",
            "could", "hi", "hello", "chao", "whats", "what", "s", "expired", "valid", "covered", "coverage", "ok",
            // the product the number belongs to, named again
            "loc", "nuoc", "noi", "com", "dien", "chien", "dau", "am", "sieu", "toc", "water", "purifier", "rice", "cooker",
            "air", "fryer", "kettle");

    /**
     * Whether a question with a serial or order number asks more than the number's warranty status: two words or more
     * besides the number and the words of a bare lookup ("… lõi lọc có được bảo hành không?", "mất hóa đơn … tính từ
     * ngày nào?"). When the lookup finds nothing, the documents still answer the rest.
     */
    static boolean asksMoreThanLookup(String question) {
        String rest = Language.fold(NUMBER.matcher(question).replaceAll(" ")).replaceAll("[^a-z0-9]+", " ").strip();
        if (rest.isEmpty()) return false;
        long other = java.util.Arrays.stream(rest.split(" ")).filter(w -> !LOOKUP_WORDS.contains(w)).count();
        return other >= 2;
    }

    /** Small talk only when little else is said: "chào bạn, máy lọc bảo hành bao lâu?" is a question. */
    private static boolean isSmallTalk(String q, Pattern words) {
        Matcher m = words.matcher(q);
        if (!m.find()) return false;
        String rest = (q.substring(0, m.start()) + " " + q.substring(m.end())).replaceAll("[^a-z0-9 ]", " ").strip();
        long words2 = rest.isEmpty() ? 0 : rest.split("\\s+").length;
        return words2 <= 3 && !rest.matches(".*\\b(bao|gi|sao|nao|how|what|when|where|why|can|do|does|is)\\b.*");
    }
}
