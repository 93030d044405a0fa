package dev.tandem.server.agent;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what the model wrote before anyone sees it: an answer that quotes the system prompt is
 * replaced by a refusal, and links or images that do not point at one of the knowledge base's own
 * source URLs are removed (a poisoned document or a jailbroken model cannot phish through us).
 */
public final class OutputGuard {

    /** Characters of the prompt that must appear in a row to count as disclosure; shorter overlaps are ordinary words. */
    static final int WINDOW = 40;

    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]]*)]\\(([^)\\s]*)[^)]*\\)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]*)[^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("(?i)<\\s*(img|a|script|iframe)\\b[^>]*>(</a>)?");
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(https?://|www\\.)[^\\s<>()\\]\"']+");

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Multiplier of the rolling hash, and its power for the character leaving the window. */
    private static final long BASE = 1_000_003L;
    private static final long BASE_POW = power(BASE, WINDOW - 1);

    private final Set<String> promptWindows = new HashSet<>();
    /** Rolling hashes of {@link #promptWindows}, sorted: most positions of an answer are ruled out without a substring. */
    private final long[] windowHashes;

    public OutputGuard(String systemPrompt) {
        String p = normalise(systemPrompt);
        for (int i = 0; i + WINDOW <= p.length(); i++) promptWindows.add(p.substring(i, i + WINDOW));
        windowHashes = promptWindows.stream().mapToLong(w -> hash(w, 0)).sorted().distinct().toArray();
    }

    /**
     * True when {@code text} repeats a stretch of the system prompt. Runs on every streamed piece,
     * so windows are compared by a rolling hash first and as text only when the hash matches.
     */
    public boolean disclosesPrompt(String text) {
        String t = normalise(text);
        if (t.length() < WINDOW) return false;
        long h = hash(t, 0);
        for (int i = 0; ; i++) {
            if (java.util.Arrays.binarySearch(windowHashes, h) >= 0 && promptWindows.contains(t.substring(i, i + WINDOW))) {
                return true;
            }
            if (i + WINDOW >= t.length()) return false;
            h = (h - t.charAt(i) * BASE_POW) * BASE + t.charAt(i + WINDOW);
        }
    }

    private static long hash(String s, int from) {
        long h = 0;
        for (int i = from; i < from + WINDOW; i++) h = h * BASE + s.charAt(i);
        return h;
    }

    private static long power(long base, int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) p *= base;
        return p;
    }

    /** Removes links and images to anywhere but the knowledge base's own sources; the link text stays. */
    public String restrictLinks(String text, Set<String> sourceUrls) {
        java.util.function.Predicate<String> allowed = url -> allowed(url, sourceUrls);
        String s = MARKDOWN_IMAGE.matcher(text).replaceAll(m -> allowed.test(m.group(2)) ? Matcher.quoteReplacement(m.group()) : "");
        s = MARKDOWN_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(allowed.test(m.group(2)) ? m.group() : m.group(1)));
        s = HTML_TAG.matcher(s).replaceAll("");
        return BARE_URL.matcher(s).replaceAll(m -> allowed.test(m.group()) ? Matcher.quoteReplacement(m.group()) : "[link removed]");
    }

    private static boolean allowed(String url, Set<String> sourceUrls) {
        String u = url.strip();
        for (String prefix : sourceUrls) {
            if (u.equals(prefix) || u.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
                    || u.startsWith(prefix + "#") || u.startsWith(prefix + "?")) return true;
        }
        return false;
    }

    /**
     * Lower case, every run of characters that are neither letters nor digits one space, no space
     * at either end. Runs on every streamed piece's tail: ASCII text (most of it) is done in one
     * pass over the characters; anything else takes the regular expression, which defines it.
     */
    static String normalise(String text) {
        String ascii = normaliseAscii(text);
        return ascii != null ? ascii : NOT_LETTER_OR_DIGIT.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").strip();
    }

    /** {@link #normalise} of text that is all ASCII, or null when it is not. */
    static String normaliseAscii(String text) {
        char[] out = new char[text.length()];
        int n = 0;
        boolean gap = false; // a run of other characters since the last letter or digit written
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) return null;
            if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && n > 0) out[n++] = ' ';
                gap = false;
                out[n++] = c;
            } else {
                gap = true;
            }
        }
        return new String(out, 0, n);
    }
}
