package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The places a question names, and whether a passage speaks of them: a question about a shop, a service
 * centre, a delivery or an installation "in Nha Trang", "at Vũng Tàu", "to Cambodia" is answered by a
 * passage about that place, not by one that lists other places. "Cửa hàng Mekong Home ở Nha Trang nằm ở
 * đâu?" shares every other word with the store list of TP. Hồ Chí Minh, Hà Nội, Đà Nẵng and Cần Thơ, and
 * quoting it would answer a question nobody asked.
 * <p>
 * A passage answers for a place it names; for a place in Vietnam it also answers when it names no place
 * at all (a fee table, a rule that holds everywhere) or when it covers the rest of the country in one
 * phrase ("các tỉnh, thành phố khác", "khu vực khác", "toàn quốc", "other provinces", "nationwide", a
 * region such as "miền Trung"). A place abroad is answered only by a passage that names it: "toàn quốc"
 * means Vietnam. The list holds Vietnam's provinces and its cities and islands that customers name
 * (both the names before and after the 2025 merger of provinces), with and without marks and in their
 * English spellings, and the countries nearest to what customers ask about — general knowledge of
 * geography, not of the documents.
 */
final class Places {

    /** A place and the folded word sequences that name it. */
    private record Place(String id, boolean abroad, List<List<String>> forms) {}

    private static final List<Place> PLACES = new ArrayList<>();

    private static void vn(String id, String... forms) {
        add(id, false, forms);
    }

    private static void abroad(String id, String... forms) {
        add(id, true, forms);
    }

    private static void add(String id, boolean abroad, String... forms) {
        List<List<String>> f = new ArrayList<>();
        for (String form : forms) f.add(List.of(Language.words(Language.fold(form))));
        PLACES.add(new Place(id, abroad, List.copyOf(f)));
    }

    static {
        vn("hcm", "Hồ Chí Minh", "TP.HCM", "TPHCM", "HCM", "Sài Gòn", "Saigon", "HCMC");
        vn("hn", "Hà Nội", "Hanoi");
        vn("dn", "Đà Nẵng", "Danang");
        vn("ct", "Cần Thơ", "Cantho");
        vn("hp", "Hải Phòng", "Haiphong");
        vn("hue", "Huế", "Thừa Thiên");
        vn("nt", "Nha Trang", "Khánh Hòa", "Khánh Hoà");
        vn("vt", "Vũng Tàu", "Bà Rịa");
        vn("bh", "Biên Hòa", "Biên Hoà", "Đồng Nai");
        vn("bd", "Bình Dương", "Thủ Dầu Một");
        vn("ha", "Hội An", "Quảng Nam");
        vn("pq", "Phú Quốc");
        vn("cd", "Côn Đảo");
        vn("dl", "Đà Lạt", "Dalat", "Lâm Đồng");
        vn("qn", "Quy Nhơn", "Bình Định");
        vn("hl", "Hạ Long", "Quảng Ninh");
        vn("sp", "Sa Pa", "Sapa", "Lào Cai");
        vn("bmt", "Buôn Ma Thuột", "Đắk Lắk", "Dak Lak");
        vn("pt", "Phan Thiết", "Mũi Né", "Bình Thuận");
        vn("vinh", "Nghệ An");
        vn("th", "Thanh Hóa", "Thanh Hoá");
        vn("nb", "Ninh Bình");
        vn("nd", "Nam Định");
        vn("tb", "Thái Bình");
        vn("hd", "Hải Dương");
        vn("hy", "Hưng Yên");
        vn("bn", "Bắc Ninh");
        vn("bg", "Bắc Giang");
        vn("vp", "Vĩnh Phúc");
        vn("pth", "Phú Thọ");
        vn("tn", "Thái Nguyên");
        vn("ls", "Lạng Sơn");
        vn("qb", "Quảng Bình", "Đồng Hới");
        vn("qt", "Quảng Trị");
        vn("qng", "Quảng Ngãi");
        vn("py", "Phú Yên", "Tuy Hòa");
        vn("gl", "Gia Lai", "Pleiku");
        vn("kt", "Kon Tum");
        vn("tnh", "Tây Ninh");
        vn("tg", "Tiền Giang", "Mỹ Tho");
        vn("bt", "Bến Tre");
        vn("vl", "Vĩnh Long");
        vn("tv", "Trà Vinh");
        vn("dt", "Đồng Tháp");
        vn("ag", "An Giang", "Long Xuyên", "Châu Đốc");
        vn("kg", "Kiên Giang", "Rạch Giá");
        vn("st", "Sóc Trăng");
        vn("bl", "Bạc Liêu");
        vn("cm", "Cà Mau");
        vn("hg", "Hậu Giang");
        abroad("laos", "Laos", "nước Lào");
        abroad("kh", "Campuchia", "Cambodia", "Phnom Penh");
        abroad("th-country", "Thái Lan", "Thailand", "Bangkok");
        abroad("sg", "Singapore");
        abroad("my", "Malaysia");
        abroad("jp", "Nhật Bản", "Japan");
        abroad("kr", "Hàn Quốc", "Korea");
        abroad("cn", "Trung Quốc", "China");
        abroad("tw", "Đài Loan", "Taiwan");
        abroad("us", "Hoa Kỳ", "nước Mỹ", "USA", "America");
        abroad("au", "Australia", "nước Úc");
        abroad("id", "Indonesia");
        abroad("ph", "Philippines");
        abroad("mm", "Myanmar");
        abroad("ca", "Canada");
        abroad("fr", "France", "nước Pháp");
        abroad("de", "Germany", "nước Đức");
        abroad("uk", "United Kingdom", "England", "nước Anh");
    }

    /**
     * Phrases (folded) that cover the places a passage does not list one by one: the rest of the country or
     * a region of it.
     */
    private static final List<List<String>> REST_OF_COUNTRY = phrases("tinh khac", "thanh pho khac", "khu vuc khac",
            "noi khac", "dia phuong khac", "toan quoc", "ca nuoc", "moi tinh", "mien bac", "mien trung",
            "mien nam", "tay nguyen", "dong nam bo", "cuu long", "duyen hai", "other provinces", "other cities",
            "other areas", "other regions", "elsewhere", "nationwide", "across vietnam", "all of vietnam",
            "anywhere in vietnam", "all provinces", "every province");

    private static List<List<String>> phrases(String... folded) {
        List<List<String>> out = new ArrayList<>();
        for (String p : folded) out.add(List.of(p.split(" ")));
        return List.copyOf(out);
    }

    private Places() {}

    /** The folded words of every place's names ("ha", "noi", "phu", "quoc"…). */
    private static final Set<String> PLACE_WORDS = new HashSet<>();

    static {
        for (Place p : PLACES) for (List<String> form : p.forms()) PLACE_WORDS.addAll(form);
    }

    /** Whether a word is part of a place's name ("Phú" of "Phú Quốc"), with or without marks. */
    static boolean partOfPlace(String word) {
        return PLACE_WORDS.contains(Language.fold(word));
    }

    /** The places a question names (ids, in order), none when it names none. */
    static Set<String> named(QuestionText question) {
        List<String> words = List.of(Language.words(question.foldedAsTyped()));
        Set<String> found = new LinkedHashSet<>();
        for (Place p : PLACES) if (names(words, p)) found.add(p.id());
        return found;
    }

    /** Folded phrases that say where the customer lives, right before the place ("nhà tôi ở Bến Tre", "we live in …"). */
    private static final List<List<String>> LIVES_IN = phrases("nha toi o", "nha em o", "nha minh o", "nha chung toi o",
            "toi song o", "em song o", "minh song o", "que toi o", "i live in", "we live in", "i m in", "i am in",
            "we re in", "we are in", "i m from", "i am from", "living in");

    /**
     * The places a question names as where the customer lives ("Nhà tôi ở Bến Tre, mùa khô nước máy bị nhiễm mặn"): the
     * customer's circumstances, not a name the documents must hold. Whether a passage answers for the place is still
     * {@link #answeredBy}'s call.
     */
    static Set<String> livesIn(QuestionText question) {
        List<String> words = List.of(Language.words(question.foldedAsTyped()));
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            for (List<String> phrase : LIVES_IN) {
                if (!startsAt(words, i, phrase)) continue;
                for (Place p : PLACES) {
                    for (List<String> form : p.forms()) if (startsAt(words, i + phrase.size(), form)) found.add(p.id());
                }
            }
        }
        return found;
    }

    /** Whether {@code phrase} stands in {@code words} from index {@code at}. */
    private static boolean startsAt(List<String> words, int at, List<String> phrase) {
        return at + phrase.size() <= words.size() && words.subList(at, at + phrase.size()).equals(phrase);
    }

    /** Folded phrases of a question that asks where something is: its address, not a fee or a delay that holds there. */
    private static final List<List<String>> WHERE = phrases("o dau", "dia chi", "cho nao", "noi nao", "where is",
            "where are", "where s", "where can", "where do", "address", "located");

    /**
     * Whether a question asks where something is ("… ở Nha Trang nằm ở đâu", "địa chỉ …", "where is …"): then a
     * passage must name the place itself; one naming no place, or "các tỉnh khác", gives no address there.
     */
    static boolean asksWhere(QuestionText question) {
        return holdsAny(List.of(Language.words(question.foldedAsTyped())), WHERE);
    }

    /** Folded phrases of a question asking which place: answered by the names of places, not by the category word. */
    private static final List<List<String>> WHICH_PLACE = phrases("o nuoc nao", "tai nuoc nao", "quoc gia nao",
            "xuat xu", "tinh nao", "thanh pho nao", "which country", "what country", "which countries", "which province",
            "which provinces", "what province", "what provinces", "which city", "which cities", "what city",
            "country of origin");
    /** The country itself, which the gazetteer leaves out (every place in it is in Vietnam). */
    private static final List<List<String>> VIETNAM = phrases("viet nam", "vietnam");

    /** Whether a question asks which country, province or city ("sản xuất ở nước nào", "which provinces"). */
    static boolean asksWhichPlace(QuestionText question) {
        return holdsAny(List.of(Language.words(question.foldedAsTyped())), WHICH_PLACE);
    }

    /**
     * Folded: a street address, with its house number: "Số 56 Đường 30 Tháng 4" ("số 12 tháng liên tiếp" is a count), "18
     * Võ Văn Ngân, Thủ Đức Ward", "120 Lach Tray Street". The word "địa chỉ" or "addresses: [link]" is none.
     */
    private static final Pattern STATES_ADDRESS = Pattern.compile(
            "\\bso\\s+\\d+[a-z]?\\b(?!\\s+(thang|nam|ngay|tuan|gio|phut|lan|chu|trieu|nghin|ty)\\b)"
                    + "|\\b\\d+[a-z]?\\s+(\\w+\\s+){1,4}(street|road)\\b"
                    + "|\\b\\d+[a-z]?\\s+(\\w+\\s+){0,3}\\w+,\\s*(\\w+\\s+){0,3}(ward|district|phuong|quan)\\b");

    /**
     * Whether a question asks where something is in a city it names ("Where is the service centre in Da Nang?",
     * "trung tâm bảo hành Cần Thơ nằm ở đâu"): it asks for more than the city, a street address ({@link #statesAddress}).
     */
    static boolean asksAddress(QuestionText question) {
        return asksWhere(question) && !named(question).isEmpty();
    }

    /**
     * Whether a passage states an address: a passage that lists the cities with a service centre names Đà Nẵng but says
     * nowhere where in it.
     */
    static boolean statesAddress(PassageText passage) {
        return STATES_ADDRESS.matcher(passage.folded()).find();
    }

    /** Whether a passage names any place: one of the gazetteer's, or Vietnam. */
    static boolean namesAny(PassageText passage) {
        List<String> words = passage.foldedWords();
        if (holdsAny(words, VIETNAM)) return true;
        for (Place p : PLACES) if (names(words, p)) return true;
        return false;
    }

    /**
     * Whether a passage (label and text) can answer for every place in {@code asked}: it names the place,
     * or, for a place in Vietnam, it names none of the listed places or covers the rest of the country.
     * When the question asks where something is ({@code where}, see {@link #asksWhere}), only a passage
     * naming each place answers for it.
     */
    static boolean answeredBy(Set<String> asked, boolean where, PassageText passage) {
        if (asked.isEmpty()) return true;
        List<String> words = passage.foldedWords();
        boolean namesAny = false;
        Set<String> inPassage = new LinkedHashSet<>();
        for (Place p : PLACES) {
            if (names(words, p)) {
                inPassage.add(p.id());
                namesAny = true;
            }
        }
        for (Place p : PLACES) {
            if (!asked.contains(p.id()) || inPassage.contains(p.id())) continue;
            if (p.abroad() || where || namesAny && !holdsAny(words, REST_OF_COUNTRY)) return false;
        }
        return true;
    }

    private static boolean names(List<String> words, Place p) {
        return holdsAny(words, p.forms());
    }

    /** Whether the (folded) words hold one of the phrases, word for word. */
    private static boolean holdsAny(List<String> words, List<List<String>> phrases) {
        for (List<String> phrase : phrases) if (Collections.indexOfSubList(words, phrase) >= 0) return true;
        return false;
    }
}
