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

    private final Set<String> promptWindows = new HashSet<>();

    public OutputGuard(String systemPrompt) {
        String p = normalise(systemPrompt);
        for (int i = 0; i + WINDOW <= p.length(); i++) promptWindows.add(p.substring(i, i + WINDOW));
    }

    /** True when {@code text} repeats a stretch of the system prompt. */
    public boolean disclosesPrompt(String text) {
        String t = normalise(text);
        for (int i = 0; i + WINDOW <= t.length(); i++) {
            if (promptWindows.contains(t.substring(i, i + WINDOW))) return true;
        }
        return false;
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
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
