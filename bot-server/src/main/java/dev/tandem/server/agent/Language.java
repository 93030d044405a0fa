package dev.tandem.server.agent;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tells Vietnamese from English, including Vietnamese typed without diacritics. */
public final class Language {

    private static final Pattern VIETNAMESE_LETTERS = Pattern.compile(
            "[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]",
            Pattern.CASE_INSENSITIVE);

    /** Common Vietnamese syllables that English text almost never contains as words. */
    private static final Set<String> VIETNAMESE_SYLLABLES = Set.copyOf(java.util.List.of(
            "bao", "hanh", "lau", "khong", "co", "cua", "toi", "ban", "la", "gi", "may", "nuoc", "loc",
            "duoc", "the", "nao", "mua", "gia", "doi", "tra", "giao", "hang", "chung", "minh", "em", "anh",
            "chi", "cho", "hoi", "lam", "sao", "bi", "loi", "nhu", "nay", "voi", "tai", "dau", "bep",
            "chien", "noi", "com", "dien", "thoai", "tien", "thanh", "toan", "hop", "dong", "ngay",
            "thang", "nam", "xin", "chao", "cam", "on", "muon", "can", "giup", "sua", "chua", "doi",
            "phi", "van", "chuyen", "bao", "nhieu", "cach", "su", "dung", "khi", "nhung", "va", "ve",
            "mi", "tom", "chua", "cay", "kiem", "don", "huy", "nhan", "vien", "ky", "thuat", "gap"));

    private Language() {}

    /** "vi" or "en". */
    public static String detect(String text) {
        if (text == null || text.isBlank()) return "vi";
        if (VIETNAMESE_LETTERS.matcher(text).find()) return "vi";
        String[] words = fold(text).split("[^a-z0-9]+");
        int total = 0;
        int vietnamese = 0;
        for (String w : words) {
            if (w.isEmpty() || w.chars().allMatch(Character::isDigit)) continue;
            total++;
            if (VIETNAMESE_SYLLABLES.contains(w)) vietnamese++;
        }
        return total > 0 && vietnamese * 10 >= total * 4 ? "vi" : "en";
    }

    /** Lower case without diacritics; "đ" becomes "d". */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80)) return lower; // nothing to decompose: the common case for typed-plain text
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd');
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
}
