package dev.tandem.kb.search;

import dev.tandem.kb.analysis.Word;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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


    private SnippetMaker() {}

    static String snippet(String text, List<Word> words, ConfidenceEstimator.QueryProfile profile) {
        return snippet(text, words, sentences(text), profile);
    }

    /**
     * The snippet of a chunk of the index, from its words and sentences found before; through its
     * word index when it has one: only the body words a probe can match are visited (in text order,
     * as the scan of all words visits them), the others add nothing.
     */
    static String snippet(ChunkCache.Chunk chunk, ConfidenceEstimator.QueryProfile profile) {
        ChunkCache.WordIndex index = chunk.index();
        List<Word> body = chunk.bodyWords();
        if (index == null) return snippet(chunk.text, body, chunk.sentences, profile);
        int[] found = new int[16];
        int n = 0;
        for (int pass = 0; pass < 2; pass++) {
            Set<String> keys = pass == 0 ? profile.foldedWords() : profile.stems();
            java.util.Map<String, int[]> positions = pass == 0 ? index.byFolded() : index.byStem();
            for (String key : keys) {
                int[] at = positions.get(key);
                if (at == null) continue;
                for (int position : at) {
                    if (ChunkCache.WordIndex.part(position) != ChunkCache.BODY) continue;
                    if (n == found.length) found = java.util.Arrays.copyOf(found, 2 * n);
                    found[n++] = ChunkCache.WordIndex.word(position);
                }
            }
        }
        java.util.Arrays.sort(found, 0, n);
        List<Word> matching = new ArrayList<>(n);
        for (int i = 0; i < n; i++) if (i == 0 || found[i] != found[i - 1]) matching.add(body.get(found[i]));
        return snippet(chunk.text, matching, chunk.sentences, profile);
    }

    /** {@link #snippet(String, List, ConfidenceEstimator.QueryProfile)} with the text's {@link #sentences} found before. */
    static String snippet(String text, List<Word> words, List<int[]> sentences, ConfidenceEstimator.QueryProfile profile) {
        double[] scores = new double[sentences.size()];
        int[] firstMatch = new int[sentences.size()];
        java.util.Arrays.fill(firstMatch, -1);
        // the probes found in the current sentence: words come in text order, so sentences one after another
        Set<ConfidenceEstimator.Probe> found = new HashSet<>();
        int sentence = 0;
        for (Word word : words) {
            while (sentence + 1 < sentences.size() && word.start() >= sentences.get(sentence + 1)[0]) {
                sentence++;
                found.clear();
            }
            // a word no probe can match (see matches: same folded form or same stem) skips the probes
            if (!profile.foldedWords().contains(word.folded()) && !profile.stems().contains(word.stem())) continue;
            for (ConfidenceEstimator.Probe probe : profile.words()) {
                if (!matches(probe, word) || !found.add(probe)) continue;
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
    /**
     * Sentence spans: a text breaks at a run of white space that follows one of {@code .!?;:} or
     * holds a line break (what the pattern {@code (?<=[.!?;:])\s+|\s*\n+\s*} finds), scanned by
     * hand: the regular expression was two thirds of a snippet's cost.
     */
    static List<int[]> sentences(String text) {
        List<int[]> sentences = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            if (!space(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            boolean lineBreak = false;
            while (i < n && space(text.charAt(i))) {
                if (text.charAt(i) == '\n') lineBreak = true;
                i++;
            }
            if (lineBreak || runStart > 0 && ".!?;:".indexOf(text.charAt(runStart - 1)) >= 0) {
                if (runStart > start) sentences.add(new int[] {start, runStart});
                start = i;
            }
        }
        if (start < n) sentences.add(new int[] {start, n});
        if (sentences.isEmpty()) sentences.add(new int[] {0, n});
        return sentences;
    }

    /** White space as {@code \s} matches it: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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

    /** The text with each run of white space ({@link #space}, as {@code \\s+} finds) as one space, stripped. */
    static String flat(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i++);
            if (!space(c)) {
                out.append(c);
                continue;
            }
            while (i < n && space(text.charAt(i))) i++;
            out.append(' ');
        }
        return out.toString().strip();
    }

    /** The start of the text, cut at a word boundary; when no sentence matches. */
    static String lead(String text) {
        String flat = flat(text);
        if (flat.length() <= SNIPPET_CHARS) return flat;
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > 0 ? cut : SNIPPET_CHARS) + " …";
    }
}
