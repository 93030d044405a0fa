package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an open question ("what/which/how much/who is …", "… gì/nào", "bao nhiêu/mấy …", "… là gì/ai")
 * asks for, and whether a passage names it: the counterpart of {@link YesNoQuestion} and
 * {@link EnglishYesNoQuestion} for questions that ask for a value rather than a yes or a no. The words
 * that name the thing asked for — the noun after "what/which/how much", the attribute in "what is the X
 * of Y", the noun before "gì/nào", after "bao nhiêu/mấy", the subject of "… là gì" — are what the
 * answer must be about; the rest of the question (the product, the policy) is only its topic. A passage
 * about the MH-RO200 that never says "standby" or "decibels", or the noodle range's nutrition table that
 * never says "sugar", answers a question nobody asked, however much of the topic it shares.
 * <p>
 * Units ("grams", "phút") are left to {@link QuantityQuestion} and {@link PriceQuestion}; adjectives
 * after "how" ("how long", "how often") and questions asking how to do something ("how do I", "làm sao",
 * "thế nào") name no thing and are left to the coverage checks. The words are compared as the yes/no
 * checks compare theirs: English by a light stem or a {@link Lexicon} form, Vietnamese with the marks
 * it was typed with (or folded when typed without) or a {@link Lexicon} form.
 */
final class OpenQuestion {

    /** A token of a model code, not a syllable: a digit in it, or no vowel ("mh", "af80d"). */
    private static final Pattern CODE_PART = Pattern.compile(".*\\d.*|[^aeiouy]+");

    /** English question words that open a clause asking for a thing ("what", "which", "how much/many", "who is"). */
    private static final Set<String> EN_WH = Set.of("what", "whats", "which", "how", "who", "whos");
    /** Words that may come before the question word in its clause ("and which", "in what", "so how much"). */
    private static final Set<String> EN_LEAD = Set.of("and", "so", "ok", "then", "but", "in", "at", "for", "to", "from",
            "on", "of", "by", "with", "about", "exactly", "roughly", "approximately", "also");
    /** Forms of "be" and the auxiliaries: after "what/which + noun", they end the noun phrase. */
    private static final Set<String> EN_AUX = Set.of("is", "are", "was", "were", "s", "re", "be", "been", "do", "does", "did",
            "can", "could", "will", "would", "should", "shall", "may", "might", "must", "has", "have", "had");
    private static final Set<String> EN_BE = Set.of("is", "are", "was", "were", "s", "re");
    /** "What happens / happened": the question asks for an outcome, which no noun of it names. */
    private static final Set<String> EN_HAPPEN = Set.of("happen", "happens", "happened");
    /** Words that end an English noun phrase: prepositions, conjunctions, relatives. */
    private static final Set<String> EN_BOUNDARY = Set.of("of", "for", "on", "in", "at", "to", "with", "from", "under",
            "per", "by", "into", "onto", "over", "after", "before", "between", "during", "when", "if", "that", "which",
            "who", "where", "while", "than", "as", "about", "compared", "like", "i", "we", "you", "they", "it", "he", "she");
    /** Determiners and pronouns inside a noun phrase: skipped. */
    private static final Set<String> EN_DETERMINER = Set.of("the", "a", "an", "my", "your", "our", "their", "its", "this",
            "that", "these", "those", "his", "her", "any", "some", "each", "every", "one", "exact", "exactly", "current",
            "usual", "typical", "main", "kind", "kinds", "type", "types", "sort", "sorts", "wrong", "happening", "happened",
            // a limit is what is asked, and documents write it "up to", "at most", "from": the noun it limits names the thing
            "maximum", "minimum", "max", "min", "highest", "lowest", "largest", "smallest", "biggest", "most", "least",
            // what a price question asks for is an amount, which PriceQuestion checks; the noun names only money
            "price", "prices", "cost", "costs", "fee", "fees", "charge", "charges",
            // "how much extra/more do I pay": how much money, not a thing called "extra"
            "extra", "more", "additional", "else",
            // "at what point do you replace it": when, not a thing called a point ("how many points" is plural)
            "point", "stage",
            // a category whose answer is a list of names ("which provinces": "Huế, Quảng Trị"), which the documents
            // give without the category word
            "province", "provinces", "city", "cities", "country", "countries", "area", "areas", "region", "regions");
    /** Units and generic measure words: a unit is {@link QuantityQuestion}'s business, not a thing asked for. */
    static final Set<String> UNITS = Set.of(
            "g", "gram", "grams", "gam", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "ky", "can", "mg", "milligrams",
            "ml", "l", "litre", "litres", "liter", "liters", "lit", "cm", "mm", "m", "metre", "metres", "meter", "meters", "met",
            "minute", "minutes", "min", "mins", "phut", "second", "seconds", "giay", "hour", "hours", "tieng", "gio", "day",
            "days", "ngay", "week", "weeks", "tuan", "month", "months", "thang", "year", "years", "nam", "time", "times", "lan",
            "percent", "phan", "tram", "vnd", "dong", "tien", "nghin", "ngan", "trieu", "w", "watt", "watts", "kw", "kwh", "oat",
            "db", "decibels", "degree", "degrees", "do", "celsius", "calo", "kcal", "people", "nguoi", "much", "many",
            "money", "amount", "number", "so", "luong");
    /** Vietnamese units and measure words as typed with marks ("giờ", not "gió"). */
    private static final Set<String> VI_UNITS = Set.of("phút", "giây", "tiếng", "giờ", "ngày", "tuần", "tháng", "năm", "lần",
            "lít", "ký", "ki", "lô", "cân", "gam", "gram", "mét", "độ", "calo", "phần", "trăm", "đồng", "tiền", "nghìn", "ngàn",
            "triệu", "oát", "người", "số", "lượng", "cm", "mm", "kg", "mg", "ml", "kwh", "w", "kw", "db", "g", "m", "l");
    /** Words before "gì/nào" that make it ask how or with what, not for a thing: "bằng cách nào", "bằng gì", "thế nào". */
    private static final Set<String> VI_HOW = Set.of("cách", "bằng", "thế", "như", "sao", "nào", "khi", "lúc", "hồi", "bao");
    /** Words before "bao nhiêu" that make it ask for a value of the subject: "X là bao nhiêu", "X dài/rộng/cao/dày/nặng bao nhiêu". */
    private static final Set<String> VI_HOW_MUCH_OF = Set.of("là", "dài", "rộng", "cao", "dày", "sâu", "nặng");
    /** Verbs before "bao nhiêu" that ask an amount of the whole clause ("mất bao nhiêu", "phải đạt bao nhiêu"). */
    private static final Set<String> VI_AMOUNT_VERB = Set.of("mất", "tốn", "đạt", "được", "phải", "cần", "có", "chịu", "trả",
            "đóng", "nộp", "hết", "lên", "xuống", "tới", "đến");
    /** Negations that make a following "gì/nào" mean "at all" ("máy không lỗi gì"). */
    private static final Set<String> VI_NOT = Set.of("không", "chẳng", "chả");
    /** "About", before "bao nhiêu" ("độ pH khoảng bao nhiêu", "tầm bao nhiêu"): the noun before it is what is asked. */
    private static final Set<String> VI_ABOUT = Set.of("khoảng", "tầm", "chừng", "cỡ", "ước");
    /** Typed without marks only "khoang": "co" is also "có", "tam" "tạm", "chung" "chung". */
    private static final Set<String> VI_ABOUT_UNMARKED = Set.of("khoảng");
    /** Prepositions that end the head of a Vietnamese noun phrase read forward ("lỗi E3 trên máy…", "kỹ sư của bên mình"). */
    private static final Set<String> VI_PREPOSITION = Set.of("trên", "của", "cho", "ở", "trong", "tại", "về", "với", "thuộc", "theo");

    /** "how" + one of these asks for a thing ("how much sugar", "how many presets"); any other word after "how" does not. */
    private static final Set<String> EN_HOW_THING = Set.of("much", "many");

    /** Vietnamese question words that follow the thing asked for: "hãng nào", "loại gas gì". */
    private static final Set<String> VI_AFTER = Set.of("gì", "nào");
    /** Vietnamese question words that precede the thing asked for: "bao nhiêu mg canxi", "mấy cấp lọc". */
    private static final Set<String> VI_BEFORE = Set.of("mấy");
    /** Classifiers and determiners before a Vietnamese noun: they end the thing asked for, read backwards. */
    private static final Set<String> VI_CLASSIFIER = Set.of("loại", "kiểu", "dạng", "thứ", "cái", "con", "chiếc", "bộ", "những", "các");
    /**
     * Vietnamese words that name no thing of their own next to a question word: a limit ("tối đa", "tối thiểu"),
     * money (left to {@link PriceQuestion}), a category answered by names ("những tỉnh nào": "Huế, Quảng Trị").
     */
    private static final Set<String> VI_GENERIC = Set.of("tối", "đa", "thiểu", "giá", "phí", "tỉnh", "thành", "phố", "nước",
            "quốc", "gia", "khu", "vực", "vùng", "miền");
    /**
     * Verbs of what the customer does with the thing asked for ("gửi email nào", "gọi số nào", "mua loại nào", "thay lõi
     * gì"): read back from "gì/nào", one ends the thing's noun phrase as a classifier does. Typed without marks only
     * those whose folded form is no noun ("goi" is also "gói", a pack; "dat" "đất"; "thay" "thấy").
     */
    private static final Set<String> VI_VERB = Set.of("gửi", "gọi", "mua", "dùng", "chọn", "nhắn", "đặt", "lắp", "thay", "xài");
    private static final Set<String> VI_VERB_UNMARKED = Set.of("gửi", "mua", "chọn", "lắp");
    /** At most this many words name the thing asked for next to a Vietnamese question word. */
    private static final int VI_MAX_WORDS = 2;
    /** At most this many content words of the subject of "… là gì/ai" name what is asked. */
    private static final int VI_SUBJECT_WORDS = 3;

    /**
     * A measure a document names by its value alone: a size is written "18 cm round tin", a capacity "2 L", a
     * weight "4,8 kg", a hotline key "Press 3" / "Phím 3", a street in an address ("Số 120 Lạch Tray"). A passage
     * stating a number in the measure's unit names the measure noun asked for ("what size of cake tin", "dung tích
     * bình lạnh"), as a unit does.
     */
    enum Measure {
        LENGTH(unit("(mm|cm|m|metres?|meters?|met|inch(es)?)\\b"), "size", "sizes", "dimension", "dimensions", "length", "width",
                "height", "depth", "distance", "space", "clearance", "gap", "thickness", "diameter", "kich thuoc", "chieu dai", "chieu rong", "chieu cao",
                "khoang cach", "do day", "duong kinh"),
        VOLUME(unit("(ml|l|litres?|liters?|lit)\\b"), "size", "sizes", "capacity", "volume", "dung tich", "the tich"),
        WEIGHT(unit("(kg|kilograms?|g|grams?|gam)\\b"), "weight", "trong luong", "khoi luong"),
        KEY("\\b(press|phim|bam|nhan|key|button|nut)\\s+\\d\\b", "key", "keys", "button", "buttons", "phim", "nut"),
        /** A street is written in an address: a house number ("Số 120 Lạch Tray", "120 Lach Tray Street") or "địa chỉ". */
        ADDRESS("\\bso\\s+\\d+[a-z]?\\b|\\bdia chi\\b|\\baddress\\b|\\b\\d+[a-z]?\\s+(\\w+\\s+){1,3}(street|road)\\b", "duong", "pho", "dia chi", "street", "road");

        private final Pattern stated;
        /**
         * The measure nouns this measure's value names, folded; a Vietnamese one is a compound whose syllables name
         * it only together ("kích thước", not "tích" of "tích điểm").
         */
        private final List<List<String>> nouns;

        /** {@code stated}: how a (folded) passage writes a value of the measure. */
        Measure(String stated, String... nouns) {
            this.stated = Pattern.compile(stated);
            List<List<String>> n = new ArrayList<>();
            for (String noun : nouns) n.add(List.of(noun.split(" ")));
            this.nouns = List.copyOf(n);
        }

        /** A number followed by one of {@code units}. */
        private static String unit(String units) {
            return QuantityQuestion.NUMBER + "(" + units + ")";
        }

        /** Whether a (folded) passage states a value of this measure. */
        boolean statedIn(String folded) {
            return stated.matcher(folded).find();
        }
    }

    private OpenQuestion() {}

    /**
     * The words that name what an open question asks for: folded for an English question, lower case as
     * typed for a Vietnamese one; empty when the question asks for no thing (a yes/no question, "how
     * long", "how do I", "ở đâu") or its words are all units and function words.
     */
    static List<String> asked(QuestionText question) {
        return of(question).words();
    }

    /** {@link #asked} with the question's language, worked out once per question for {@link Asked#answeredBy}. */
    static Asked of(QuestionText question) {
        List<String> asked = new ArrayList<>();
        boolean english = question.english();
        if (english) {
            for (String clause : Language.clauses(question.folded())) english(Language.words(clause), asked);
        } else {
            for (List<String> tokens : Language.clauseTokens(question.lower())) vietnamese(tokens, question.marked(), asked);
        }
        return new Asked(List.copyOf(asked), english, measures(asked, question.folded()));
    }

    /**
     * The measures whose value names a word of what is asked ({@link Measure}): the word is a measure noun, or
     * a syllable of a Vietnamese one that the question writes whole ("dung tích" in "dung tích bình lạnh").
     */
    private static Set<Measure> measures(List<String> asked, String foldedQuestion) {
        Set<Measure> found = EnumSet.noneOf(Measure.class);
        List<String> foldedWords = List.of(Language.words(foldedQuestion));
        List<String> foldedAsked = asked.stream().map(Language::fold).toList();
        for (Measure m : Measure.values()) {
            for (List<String> noun : m.nouns) {
                if (Collections.indexOfSubList(foldedWords, noun) >= 0 && noun.stream().anyMatch(foldedAsked::contains)) {
                    found.add(m);
                    break;
                }
            }
        }
        return found;
    }

    private static void english(String[] words, List<String> asked) {
        List<String> w = new ArrayList<>();
        for (String s : words) if (!s.isEmpty()) w.add(s);
        int i = 0;
        while (i < w.size() && i < 2 && EN_LEAD.contains(w.get(i))) i++;
        if (i >= w.size() || !EN_WH.contains(w.get(i))) return;
        String wh = w.get(i++);
        if (wh.equals("how")) {
            if (i >= w.size() || !EN_HOW_THING.contains(w.get(i))) return; // how long, how often, how do I…
            i++;
            // "how much is shipping": what follows the verb is the thing
            if (i < w.size() && EN_BE.contains(w.get(i))) i++;
            else if (i < w.size() && EN_AUX.contains(w.get(i))) return; // "how much do I need to spend"
            nounPhrase(w, i, true, asked);
            return;
        }
        if (wh.equals("who") || wh.equals("whos")) {
            // "who is the X": X; "who founded …" asks for a person the verb does not name
            if (wh.equals("who") && (i >= w.size() || !EN_BE.contains(w.get(i)))) return;
            if (wh.equals("who")) i++;
            nounPhrase(w, i, false, asked);
            return;
        }
        // what / which
        if (wh.equals("whats") || i < w.size() && EN_BE.contains(w.get(i))) {
            if (!wh.equals("whats")) i++;
            nounPhrase(w, i, false, asked); // "what is the tax code of …": the attribute, not what it is of
            return;
        }
        if (i < w.size() && EN_AUX.contains(w.get(i))) return; // "what does E4 mean", "what can I do"
        if (i < w.size() && EN_HAPPEN.contains(w.get(i))) return; // "what happens if I pay late": an outcome, no thing named
        nounPhrase(w, i, true, asked); // "which courier company", "what material"
    }

    /**
     * The content words of the noun phrase from {@code start}: up to an auxiliary or a boundary word; with
     * {@code ofToo}, a phrase after "of" as well ("how many grams of fibre": the unit says nothing, the
     * fibre does).
     */
    private static void nounPhrase(List<String> w, int start, boolean ofToo, List<String> asked) {
        int added = 0;
        for (int i = start; i < w.size(); i++) {
            String t = w.get(i);
            if (t.equals("s") && i > start) continue; // "Xanh Mart's account manager"
            if (EN_AUX.contains(t)) break;
            if (t.equals("of") && ofToo && added == 0) continue;
            if (EN_BOUNDARY.contains(t)) break;
            if (EN_DETERMINER.contains(t) || t.length() < 2 || t.chars().allMatch(Character::isDigit)) continue;
            if (UNITS.contains(t) || PassageRanker.STOPWORDS.contains(t)) continue;
            if (!asked.contains(t)) asked.add(t);
            added++;
        }
    }

    private static void vietnamese(List<String> t, boolean marked, List<String> asked) {
        for (int i = 0; i < t.size(); i++) {
            String folded = Language.fold(t.get(i));
            boolean after = marked ? VI_AFTER.contains(t.get(i)) : folded.equals("gi") || folded.equals("nao");
            // "không lỗi gì", "chẳng có gì": "not … at all", no question
            if (after && (i > 0 && is(t.get(i - 1), VI_NOT, marked) || i > 1 && is(t.get(i - 2), VI_NOT, marked))) continue;
            if (after && i > 0) {
                if (Language.fold(t.get(i - 1)).equals("la")) {
                    head(t, i - 1, marked, asked); // "X là gì": the head of the subject
                } else if (!is(t.get(i - 1), VI_HOW, marked)) {
                    collectBack(t, i - 1, marked, asked); // "hãng nào", "loại gas gì"
                }
            } else if (folded.equals("la") && i + 1 < t.size() && Language.fold(t.get(i + 1)).equals("ai")) {
                head(t, i, marked, asked); // "X là ai"
            } else {
                if (!(marked && VI_BEFORE.contains(t.get(i)) || baoNhieu(t, i, marked))) continue;
                if (folded.equals("bao") && i > 0 && is(t.get(i - 1), VI_HOW_MUCH_OF, marked)) {
                    head(t, i - 1, marked, asked); // "X là bao nhiêu", "dây nguồn dài bao nhiêu": the head of X
                } else if (folded.equals("bao") && i > 1 && is(t.get(i - 1), marked ? VI_ABOUT : VI_ABOUT_UNMARKED, marked)) {
                    collectBack(t, i - 2, marked, asked); // "có độ pH khoảng bao nhiêu": the noun before "about"
                }
                // "mấy cấp lọc", "bao nhiêu mg canxi": what follows, its unit left out
                // (unmarked "may" is as often "máy", a machine, so only "bao nhieu" there)
                int added = 0;
                boolean unitAfter = false;
                for (int j = i + (folded.equals("bao") ? 2 : 1); j < t.size() && added < VI_MAX_WORDS; j++) {
                    String n = t.get(j);
                    if (unit(n, marked) && added == 0) {
                        unitAfter = true;
                        continue;
                    }
                    if (!content(n, marked)) break;
                    if (!asked.contains(n)) asked.add(n);
                    added++;
                }
                if (added == 0 && !unitAfter && folded.equals("bao") && i > 0 && !is(t.get(i - 1), VI_HOW_MUCH_OF, marked)
                        && !is(t.get(i - 1), marked ? VI_ABOUT : VI_ABOUT_UNMARKED, marked)
                        && !is(t.get(i - 1), VI_AMOUNT_VERB, marked) && !unit(t.get(i - 1), marked)) {
                    // "bao nhiêu" ending its clause with no unit: the noun before it ("tiền công bao nhiêu", "được thưởng
                    // bao nhiêu"); not after a verb of the whole clause ("mất bao nhiêu") or a price word ("phí bao nhiêu")
                    collectBack(t, i - 1, marked, asked);
                }
            }
        }
    }

    /** Whether tokens i and i+1 are {@code first second} (as typed when the question is marked, folded when not). */
    private static boolean pair(List<String> t, int i, String first, String second, boolean marked) {
        if (i + 1 >= t.size()) return false;
        return marked ? t.get(i).equals(first) && t.get(i + 1).equals(second)
                : t.get(i).equals(Language.fold(first)) && t.get(i + 1).equals(Language.fold(second));
    }

    /** Whether tokens i and i+1 are "bao nhiêu" (as typed when the question is marked, folded when not). */
    private static boolean baoNhieu(List<String> t, int i, boolean marked) {
        return pair(t, i, "bao", "nhiêu", marked);
    }

    /** Content words read back from {@code from}, at most {@link #VI_MAX_WORDS}: a function word or a classifier ends them. */
    private static void collectBack(List<String> t, int from, boolean marked, List<String> asked) {
        List<String> found = new ArrayList<>();
        for (int j = from; j >= 0 && found.size() < VI_MAX_WORDS; j--) {
            String n = t.get(j);
            if (is(n, VI_CLASSIFIER, marked) || !content(n, marked)) break;
            if (!found.isEmpty() && is(n, marked ? VI_VERB : VI_VERB_UNMARKED, marked)) break;
            if (!unit(n, marked)) found.addFirst(n);
        }
        for (String n : found) if (!asked.contains(n)) asked.add(n);
    }

    /**
     * The head of the subject before "là" (at {@code end}): Vietnamese puts it first, so its first
     * content words, at most {@link #VI_SUBJECT_WORDS}, from the clause's start or after its last "thì",
     * up to a preposition ("lỗi E3 trên máy lọc nước", "kỹ sư dự phòng của bên mình").
     */
    private static void head(List<String> t, int end, boolean marked, List<String> asked) {
        int start = 0;
        for (int j = 0; j < end; j++) if (Language.fold(t.get(j)).equals("thi")) start = j + 1;
        // a fee or a price names its subject: "… mua online phí gửi trả về là bao nhiêu", typed as one run without a
        // comma, asks for the return fee, not for the purchase the story opened with
        // ("Mì Bò Hầm giá là bao nhiêu": nothing after the price word, the subject is still what comes before it)
        for (int j = end - 1; j > start; j--) {
            if (!(marked ? t.get(j).equals("phí") || t.get(j).equals("giá") : t.get(j).equals("phi"))) continue;
            boolean named = false;
            for (int k = j + 1; k < end && !named; k++) named = namesThing(t.get(k), marked);
            if (named) start = j;
            break;
        }
        int added = 0;
        for (int j = start; j < end && added < VI_SUBJECT_WORDS; j++) {
            String n = t.get(j);
            if (added > 0 && is(n, VI_PREPOSITION, marked)) break;
            if (!namesThing(n, marked)) continue;
            if (!asked.contains(n)) asked.add(n);
            added++;
        }
    }

    /** A content word that is no unit or measure word: part of the subject's name. */
    private static boolean namesThing(String token, boolean marked) {
        return content(token, marked) && !unit(token, marked);
    }

    /** Whether a token is one of {@code words} (given with marks): as typed when the question has marks, folded when not. */
    private static boolean is(String token, Set<String> words, boolean marked) {
        if (marked) return words.contains(token);
        for (String w : words) if (Language.fold(w).equals(token)) return true;
        return false;
    }

    /** A unit, a measure word or a word naming no thing of its own ({@link #VI_GENERIC}). */
    static boolean unit(String token, boolean marked) {
        return marked ? VI_UNITS.contains(token) || VI_GENERIC.contains(token)
                : UNITS.contains(token) || is(token, VI_GENERIC, false);
    }

    /** A Vietnamese token that names part of a thing: not a function word, a number, the brand or a word every document holds. */
    static boolean content(String token, boolean marked) {
        String folded = Language.fold(token);
        if (folded.length() < 2 || folded.chars().allMatch(Character::isDigit)) return false;
        if (Compounds.function(token, marked)) return false;
        return !folded.equals(token) || !PassageRanker.STOPWORDS.contains(folded);
    }

    /**
     * What an open question asks for, worked out once per question: its words ({@link #asked}) and whether
     * they are English (compared by stem) or Vietnamese (compared with their marks).
     */
    record Asked(List<String> words, boolean english, Set<Measure> measures) {

        /** The words of what is asked that {@code passage} (label and text) holds in no form. */
        List<String> notHeld(QuestionText question, PassageText passage) {
            if (words.isEmpty()) return List.of();
            return english ? EnglishYesNoQuestion.missing(words, question, passage) : YesNoQuestion.missing(words, question, passage);
        }

        /**
         * Whether a passage can answer the question: it names at least one word of what is asked. One is
         * enough because documents name an attribute in part as often as not ("warranty period" as "Warranty:
         * 18 months", "Platinum support response and resolution times" as a table row): only a passage that
         * names none of it is about something else. Requiring every word lost answerable questions of the
         * studied sets (dev 95.2 → 94.2 % cited) and refused one more unanswerable one. A Vietnamese word is
         * mostly two syllables, though, and one syllable is held by passages about anything ("lạnh" of "gas
         * lạnh", "lãi" of "lãi suất tiết kiệm"): from two asked, two must be held, a word's worth, or a model code.
         */
        boolean answeredBy(QuestionText question, PassageText passage) {
            if (words.isEmpty()) return true;
            List<String> missing = notHeld(question, passage);
            int held = words.size() - missing.size();
            if (held >= (english ? 1 : Math.min(2, words.size()))) return true;
            // a part of a model code is a whole word on its own ("nồi chiên MH-AF80D nặng bao nhiêu": "Trọng lượng MH-AF80D")
            if (words.stream().anyMatch(w -> !missing.contains(w) && CODE_PART.matcher(Language.fold(w)).matches())) return true;
            if (measures.isEmpty()) return false;
            for (Measure m : measures) if (m.statedIn(passage.folded())) return true;
            return false;
        }
    }
}
