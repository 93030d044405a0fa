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

    static String normalise(String text) {
        return NOT_LETTER_OR_DIGIT.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").strip();
    }
}
