package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small curated lexicon of the support domain: the chat abbreviations customers type ("bn",
 * "ko", "đc") and the concepts they name in other words or in the other language ("giá sỉ" and
 * "wholesale price", "không ưng" and "đổi ý", "service centre" and "trung tâm bảo hành"). Retrieval
 * searches with the other forms too, and the answerer counts a concept as covered when a passage
 * holds any of its forms. General for the domain, not keyed to particular questions.
 */
final class Lexicon {


    private Lexicon() {}

    /** Whole chat tokens (folded) and what they stand for. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("bn", "bao nhiêu"), Map.entry("bnh", "bao nhiêu"),
            Map.entry("ko", "không"), Map.entry("k", "không"), Map.entry("kh", "không"), Map.entry("khg", "không"),
            Map.entry("hok", "không"), Map.entry("khum", "không"), Map.entry("hem", "không"),
            Map.entry("dc", "được"), Map.entry("dk", "được"), Map.entry("j", "gì"),
            Map.entry("sp", "sản phẩm"), Map.entry("bh", "bảo hành"), Map.entry("sdt", "số điện thoại"),
            Map.entry("dt", "điện thoại"), Map.entry("ck", "chuyển khoản"), Map.entry("tk", "tài khoản"),
            Map.entry("nv", "nhân viên"), Map.entry("ntn", "như thế nào"), Map.entry("tg", "thời gian"),
            Map.entry("dh", "đơn hàng"), Map.entry("trc", "trước"), Map.entry("ns", "nói"),
            Map.entry("hcm", "Hồ Chí Minh"), Map.entry("tphcm", "TP. Hồ Chí Minh"), Map.entry("sg", "Sài Gòn"),
            Map.entry("hn", "Hà Nội"), Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("u", "you"));

    /**
     * One concept and every form it is written in, both languages; the first form is how the
     * documents usually say it. {@code keys} are the forms folded and padded for whole-word matching.
     * A {@code required} concept is a price, fee or term the answer must state: a passage that does
     * not name it cannot answer a question about it, however many other words it shares.
     */
    record Concept(boolean required, List<String> forms, List<String> keys, Set<String> words) {
        Concept(boolean required, List<String> forms) {
            this(required, List.copyOf(forms), forms.stream().map(Lexicon::padded).toList());
        }

        private Concept(boolean required, List<String> forms, List<String> keys) {
            this(required, forms, keys, Set.copyOf(keys.stream().flatMap(k -> List.of(k.strip().split(" ")).stream()).toList()));
        }

        /** The folded words of all its forms ("gia", "si", "wholesale", "price"...). */
        @Override
        public Set<String> words() {
            return words;
        }

        /** Whether a text, as returned by {@link #padded}, holds any form. */
        boolean heldBy(String paddedText) {
            for (String key : keys) if (paddedText.contains(key)) return true;
            return false;
        }
    }

    private static final List<Concept> CURATED = List.of(
            required("giá bán sỉ", "giá sỉ", "bán sỉ", "mua sỉ", "giá buôn", "bán buôn", "wholesale price", "wholesale"),
            required("chiết khấu", "discount"),
            concept("bậc giá", "bậc", "price tier", "tier"),
            concept("bảng giá", "price list", "list price"),
            concept("trước VAT", "chưa gồm VAT", "chưa VAT", "before VAT", "excluding VAT", "VAT excluded"),
            concept("thay đổi", "change", "changes", "changed"),
            concept("báo trước", "thông báo trước", "notice", "advance notice"),
            concept("đại lý", "nhà phân phối", "distributor", "dealer", "reseller"),
            required("phí giao hàng", "phí ship", "phí vận chuyển", "tiền ship", "shipping fee", "delivery fee", "shipping cost"),
            concept("giao hàng", "vận chuyển", "ship", "shipping", "delivery", "deliver", "arrive", "arrives", "arrival"),
            concept("trong ngày", "hôm nay", "same day", "same-day", "today"),
            required("giao hỏa tốc", "hỏa tốc", "express delivery", "same-day delivery"),
            concept("đổi ý", "không ưng", "không thích", "không vừa ý", "không hài lòng", "change my mind", "changed my mind", "change of mind"),
            concept("mở", "bóc", "khui", "open", "opened", "unsealed"),
            concept("đổi trả", "trả hàng", "trả lại", "return", "returns"),
            concept("hoàn tiền", "trả lại tiền", "refund", "refunds", "money back"),
            concept("bảo hành", "warranty", "guarantee"),
            // customers type the English word in Vietnamese ("lắp free không"); the documents say "miễn phí"
            concept("miễn phí", "free", "free of charge", "no charge"),
            concept("trung tâm bảo hành", "trung tâm dịch vụ", "service centre", "service center", "repair centre", "repair center"),
            concept("cửa hàng", "shop", "shops", "store", "stores", "showroom"),
            concept("sàn thương mại điện tử", "sàn TMĐT", "Shopee", "Lazada", "Tiki", "marketplace", "marketplaces", "e-commerce platform",
                    "e-commerce platforms"),
            concept("mở cửa", "giờ mở cửa", "opening hours", "open hours", "opening times", "business hours"),
            concept("Tết", "Tết Nguyên đán", "Lunar New Year", "Tet"),
            concept("mùng 1", "mồng 1", "first day"),
            concept("mùng 2", "mồng 2", "second day"),
            required("trả góp", "installment", "instalment", "installments", "instalments", "pay later"),
            concept("chuyển khoản", "bank transfer", "transfer"),
            concept("thanh toán khi nhận hàng", "COD", "trả tiền mặt", "thanh toán tiền mặt", "cash on delivery",
                    "pay on delivery", "pay cash", "pay in cash"),
            concept("lời mời", "thư mời", "link mời", "email mời", "invitation", "invitations", "invite"),
            concept("thẻ ghi nợ", "thẻ ATM", "debit card", "debit cards", "ATM card", "ATM cards"),
            concept("số tài khoản", "tài khoản ngân hàng", "bank account", "account number"),
            concept("hóa đơn", "invoice", "receipt"),
            concept("đổi mới", "thay mới", "sản phẩm mới", "replace", "replacement", "new one", "new unit"),
            concept("sửa chữa", "sửa", "repair", "repairing", "fix"),
            concept("kinh doanh", "thương mại", "nhà hàng", "quán ăn", "commercial", "business use", "restaurant"),
            concept("nội dung trò chuyện", "lịch sử trò chuyện", "tin nhắn", "chat transcript", "chat transcripts", "transcripts", "chat history", "chat log", "chat messages",
                    "conversation", "conversations", "this chat"),
            concept("ghi âm", "recording", "recordings", "recorded"),
            concept("lần đầu", "đầu tiên", "first time", "first use"),
            concept("lưu trữ", "thời gian lưu", "lưu", "keep", "retain", "retention", "stored"),
            required("lãi suất", "interest rate", "interest"),
            concept("máy lọc nước", "water purifier", "purifier"),
            concept("nồi chiên không dầu", "nồi chiên", "air fryer", "air fryers", "fryer"),
            concept("nồi cơm điện", "nồi cơm", "rice cooker"),
            concept("ấm siêu tốc", "ấm đun", "bình đun", "kettle"),
            concept("mì ăn liền", "mì gói", "instant noodles", "noodles"),
            concept("thùng", "carton", "cartons", "case"),
            // a unit customers write out, which the documents abbreviate ("tối đa 3 m ống"): a known word,
            // not one the documents lack; the bare "m" is no form of it ("I'm" holds one)
            concept("mét", "metre", "metres", "meter", "meters"),
            concept("trọng lượng", "khối lượng", "cân nặng", "nặng", "weight", "weigh", "weighs", "heavy"),
            concept("dây nguồn", "dây điện", "power cord", "cord"),
            concept("lõi lọc", "filter cartridge", "filter", "filters"),
            concept("mã lỗi", "error code", "error"),
            concept("tích điểm", "điểm thưởng", "loyalty points", "points"),
            concept("hội viên", "thành viên", "member", "membership"),
            concept("thu hồi", "recall", "recalls", "recalled"),
            concept("hợp đồng", "contract", "agreement"),
            // B2B support terms customers name in their own words
            concept("quản lý tài khoản", "người phụ trách", "phụ trách tài khoản", "account manager", "point of contact", "contact person"),
            concept("mức hỗ trợ", "mức dịch vụ", "SLA", "support tier", "support level", "service level"),
            concept("phản hồi", "reply", "replies", "respond", "response"),
            // a fault and what the customer does with the unit, as customers say them
            concept("hỏng", "bị hư", "bị lỗi", "broke", "broken", "faulty", "defective", "stopped working"),
            concept("mang đến", "mang ra", "đem đến", "đem ra", "mang đi", "đem đi", "bring", "carry", "take it"),
            // what documents written in one language only (the privacy policy, the store list, the kettle, UF50, RC18 and
            // noodle pages are Vietnamese; the recall notice is English) say, as customers of the other language ask it
            concept("dữ liệu cá nhân", "thông tin cá nhân", "personal data", "personal information"),
            concept("tiếp thị", "quảng cáo", "marketing", "promotional", "advertising"),
            concept("từ chối nhận", "từ chối tiếp thị", "hủy đăng ký", "ngừng nhận", "unsubscribe", "opt out"),
            concept("chất gây dị ứng", "dị ứng", "allergens", "allergen", "allergy", "allergic"),
            concept("thành phần", "ingredients", "ingredient"),
            concept("dinh dưỡng", "nutrition", "nutritional"),
            concept("hạn sử dụng", "shelf life", "expiry date", "best before"),
            concept("tẩy cặn", "đóng cặn", "cặn vôi", "descale", "descaling", "limescale"),
            concept("vệ sinh", "làm sạch", "cleaning", "clean"),
            concept("xử lý sự cố", "troubleshooting"),
            concept("giữ ấm", "keep warm", "keep-warm"),
            concept("tự ngắt", "tự tắt", "shut off", "shuts off", "switch off", "switches off", "turn off", "turns off"),
            concept("xả rửa", "súc rửa", "flush", "flushing"),
            concept("màng UF", "UF membrane"),
            concept("màng RO", "RO membrane"),
            concept("lắp đặt", "installation", "install", "installed"),
            concept("điện áp", "voltage"),
            concept("ngày lễ", "nghỉ lễ", "holidays", "holiday", "public holiday"),
            concept("địa chỉ", "address"),
            concept("trụ sở", "head office", "headquarters"),
            concept("trợ lý ảo", "chatbot", "virtual assistant", "chat assistant", "AI assistant"),
            concept("cảm biến", "sensor"),
            concept("lòng nồi", "inner pot"),
            concept("máy rửa chén", "dishwasher"),
            concept("gạo lứt", "brown rice"),
            concept("natri", "sodium"),
            concept("nhiễm mặn", "nước mặn", "brackish", "saline"),
            concept("nước giếng", "well water"),
            concept("nước máy", "tap water"),
            concept("kêu to", "tiếng ồn", "noise", "noisy"),
            concept("rò rỉ", "rò nước", "leak", "leaks", "leaking"),
            concept("áp lực nước", "water pressure"),
            concept("Đà Nẵng", "da nang", "danang"),
            concept("Hải Phòng", "hai phong"),
            concept("Hà Nội", "ha noi", "hanoi"),
            concept("Cần Thơ", "can tho"),
            concept("Hồ Chí Minh", "ho chi minh", "sài gòn", "saigon", "hcmc"));

    /** The concepts above, then the glossary's ({@link #glossary}). */
    private static final List<Concept> CONCEPTS = withGlossary(CURATED);

    private static List<Concept> withGlossary(List<Concept> curated) {
        List<Concept> all = new ArrayList<>(curated);
        for (GlossaryEntry e : glossary()) all.add(new Concept(false, e.all()));
        return List.copyOf(all);
    }

    /** One line of the glossary: a concept's Vietnamese forms and its English ones. */
    record GlossaryEntry(List<String> vietnamese, List<String> english) {
        List<String> all() {
            List<String> all = new ArrayList<>(vietnamese);
            all.addAll(english);
            return all;
        }
    }

    /**
     * The bilingual glossary ({@code agent/glossary.tsv}): for the documents written in one language only, the terms a
     * customer asks about, in the documents' words and in the other language's ("Chủ nhật" and "Sunday", "hẹn giờ" and
     * "delay timer"). One concept a line: the Vietnamese forms, a tab, the English forms (each list split by "|"), a tab
     * and where the documents say it; lines starting with "#" are comments.
     */
    static List<GlossaryEntry> glossary() {
        try (var in = Lexicon.class.getResourceAsStream("/agent/glossary.tsv")) {
            if (in == null) throw new IllegalStateException("agent/glossary.tsv is missing from the classpath");
            List<GlossaryEntry> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] columns = line.split("\t");
                entries.add(new GlossaryEntry(forms(columns[0]), columns.length > 1 ? forms(columns[1]) : List.of()));
            }
            return entries;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> forms(String column) {
        List<String> forms = new ArrayList<>();
        for (String form : column.split("\\|")) if (!form.isBlank()) forms.add(form.strip());
        return forms;
    }

    private static Concept concept(String... forms) {
        return new Concept(false, List.of(forms));
    }

    private static Concept required(String... forms) {
        return new Concept(true, List.of(forms));
    }

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Whether a word, as typed, is a chat abbreviation the lexicon writes out ("sđt", "bn"). */
    static boolean abbreviation(String word) {
        return ABBREVIATIONS.containsKey(Language.fold(word));
    }

    /**
     * Whether a word, as typed, is an English contraction of a pronoun or an auxiliary ("I'm", "didn't", "it's",
     * "we've"): the documents write those words out ("do not"), so no document holds the contraction, yet it names
     * nothing. A possessive ("Mart's") is not one: its owner may be a name no document holds.
     */
    static boolean contraction(String word) {
        return CONTRACTION.matcher(word.replace('\u2019', '\'')).matches();
    }

    private static final Pattern CONTRACTION = Pattern.compile(
            "(?i)[a-z]+n't|(i|you|we|they|he|she|it|that|there|what|who|where|here|how|let)'(m|s|re|ve|ll|d)");

    /** The question with chat abbreviations written out ("Phí ship bn?" → "Phí ship bao nhiêu?"). */
    static String normalize(String question) {
        return NORMALIZED.get(question);
    }

    /** A turn normalizes its question about ten times (retriever, ranker, answerer). */
    private static final RecentResults<String> NORMALIZED = new RecentResults<>(Lexicon::normalizeOnce);

    private static String normalizeOnce(String question) {
        Matcher m = TOKEN.matcher(question);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String full = ABBREVIATIONS.get(Language.fold(m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(full == null ? m.group() : full));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * "Shop" spoken to, not spoken of: Vietnamese customers address the seller as "shop" ("… có mất phí ship không
     * shop?", "Shop ơi, …"), which names no store. After a closing particle or before "ơi" it is left out of the concepts
     * a question names; "Is there a shop in Hai Phong?" and "shop ở Cần Thơ" still name one.
     */
    private static final Pattern VOCATIVE_SHOP = Pattern.compile(
            "(?iu)(\\b(?:không|ko|khong|vậy|vay|ạ|nhé|nhe|nha|hả|nhỉ|nhi|hông|hong|chưa|chua|thế|à|đó)\\s+)shop\\b|\\bshop(?=\\s+(?:ơi|oi)\\b)");

    /** The concepts the (normalized) question names, in lexicon order. */
    static List<Concept> concepts(String question) {
        return CONCEPTS_OF.get(question);
    }

    /** A turn looks up its question's concepts about six times. */
    private static final RecentResults<List<Concept>> CONCEPTS_OF = new RecentResults<>(question -> {
        String text = padded(VOCATIVE_SHOP.matcher(question).replaceAll("$1"));
        List<Concept> found = new ArrayList<>();
        for (Concept c : CONCEPTS) if (c.heldBy(text)) found.add(c);
        return List.copyOf(found);
    });

    /**
     * The folded words of every concept the (normalized) question names, in all of their forms: a question word among
     * them is one the documents may write in another form. The answerer asks for them several times a turn.
     */
    static Set<String> conceptWords(String question) {
        return CONCEPT_WORDS_OF.get(question);
    }

    private static final RecentResults<Set<String>> CONCEPT_WORDS_OF = new RecentResults<>(question -> {
        Set<String> words = new java.util.HashSet<>();
        for (Concept c : concepts(question)) words.addAll(c.words());
        return Set.copyOf(words);
    });

    /** The forms of the question's concepts it does not already use: what a second search adds. */
    static String expansion(String question) {
        String text = padded(question);
        Set<String> added = new LinkedHashSet<>();
        for (Concept c : concepts(question)) {
            for (int i = 0; i < c.forms().size(); i++) {
                if (!text.contains(c.keys().get(i))) added.add(c.forms().get(i));
            }
        }
        return String.join(" ", added);
    }

    /** Folded words separated by single spaces, with a space at each end, for whole-word matching. */
    static String padded(String text) {
        return padded(List.of(Language.foldedWords(text)));
    }

    /** {@link #padded(String)} of a text whose {@link Language#foldedWords} are at hand. */
    static String padded(List<String> foldedWords) {
        return " " + String.join(" ", foldedWords).strip() + " ";
    }
}
