package dev.tandem.kb.search;

import dev.tandem.kb.analysis.Word;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short plain-text excerpt of a chunk for citations: the sentence that holds the most of the
 * question's topic words (weighted as in {@link ConfidenceEstimator}), extended by the next sentences
 * up to about {@value #SNIPPET_CHARS} characters. It reuses the words the confidence estimate has
 * already segmented, so a snippet costs no second analysis and no index access. Matches are not
 * marked: the widget shows snippets as text.
 */
final class SnippetMaker {

    /** About two short sentences: enough to recognise the answer in a citation. */
    static final int SNIPPET_CHARS = 240;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|\\s*\\n+\\s*");

    private SnippetMaker() {}

    static String snippet(String text, List<Word> words, ConfidenceEstimator.QueryProfile profile) {
        List<int[]> sentences = sentences(text);
        double[] scores = new double[sentences.size()];
        int[] firstMatch = new int[sentences.size()];
        java.util.Arrays.fill(firstMatch, -1);
        List<Set<ConfidenceEstimator.Probe>> found = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) found.add(new HashSet<>());
        int sentence = 0;
        for (Word word : words) {
            while (sentence + 1 < sentences.size() && word.start() >= sentences.get(sentence + 1)[0]) sentence++;
            for (ConfidenceEstimator.Probe probe : profile.words()) {
                if (!matches(probe, word) || !found.get(sentence).add(probe)) continue;
                scores[sentence] += probe.weight();
                if (firstMatch[sentence] < 0) firstMatch[sentence] = word.start();
            }
        }
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0 && (best < 0 || scores[i] > scores[best])) best = i;
        }
        if (best < 0) return lead(text);
        int start = sentences.get(best)[0];
        int end = sentences.get(best)[1];
        if (end - start > SNIPPET_CHARS) {
            // a long sentence: a window that opens a little before the first match
            start = wordStart(text, Math.max(start, firstMatch[best] - SNIPPET_CHARS / 4));
            end = wordEnd(text, Math.min(end, start + SNIPPET_CHARS));
        } else {
            for (int next = best + 1; next < sentences.size() && sentences.get(next)[1] - start <= SNIPPET_CHARS; next++) {
                end = sentences.get(next)[1];
            }
        }
        String excerpt = flat(text.substring(start, end));
        return (start > 0 && best > 0 || start > sentences.get(best)[0] ? "… " : "") + excerpt
                + (end < text.length() ? " …" : "");
    }

    private static boolean matches(ConfidenceEstimator.Probe probe, Word word) {
        if (probe.marked()) return probe.exact().equals(word.exact()) || probe.folded().equals(word.folded());
        return probe.stem().equals(word.stem());
    }

    /** [start, end) of each sentence or line, trimmed. */
    private static List<int[]> sentences(String text) {
        List<int[]> sentences = new ArrayList<>();
        Matcher end = SENTENCE_END.matcher(text);
        int start = 0;
        while (end.find()) {
            if (end.start() > start) sentences.add(new int[] {start, end.start()});
            start = end.end();
        }
        if (start < text.length()) sentences.add(new int[] {start, text.length()});
        if (sentences.isEmpty()) sentences.add(new int[] {0, text.length()});
        return sentences;
    }

    private static int wordStart(String text, int at) {
        int space = text.lastIndexOf(' ', at);
        return space < 0 ? at : space + 1;
    }

    private static int wordEnd(String text, int at) {
        if (at >= text.length()) return text.length();
        int space = text.lastIndexOf(' ', at);
        return space <= 0 ? at : space;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The start of the text, cut at a word boundary; when no sentence matches. */
    static String lead(String text) {
        String flat = flat(text);
        if (flat.length() <= SNIPPET_CHARS) return flat;
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > 0 ? cut : SNIPPET_CHARS) + " …";
    }
}
