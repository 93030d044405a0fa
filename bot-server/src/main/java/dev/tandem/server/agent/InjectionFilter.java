package dev.tandem.server.agent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text that talks to the assistant instead of stating a fact ("ignore previous
 * instructions", "reveal your system prompt", "you are now…"). Such lines inside a retrieved
 * document are an indirect prompt injection: they are dropped before the passage reaches any
 * model, and the offline answerer never quotes them.
 */
public final class InjectionFilter {

    private static final Pattern INSTRUCTION = Pattern.compile(String.join("|",
            "\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(instruction|rule|prompt|guideline|previous|above)",
            "\\b(system prompt|system message|developer message|hidden instruction|jailbreak)",
            "\\b(you are now|act as|pretend to be|from now on,? you|new instructions?)\\b",
            "\\b(assistant|ai|chatbot|bot|model|llm)\\s*[:,]\\s*(you must|always|never|ignore|tell|say|reveal|send)",
            "\\b(tell|instruct|ask) (the )?(user|customer|visitor)s? to\\b",
            "\\b(bo qua|phot lo|quen)\\b.{0,40}\\b(huong dan|chi dan|quy tac|lenh|chi thi)",
            "\\b(loi nhac he thong|prompt he thong|chi thi he thong)",
            "\\b(tro ly|chatbot|bot)\\s*[:,]?\\s*(hay|phai|luon|dung bao gio)\\b",
            "\\b(hay noi|hay bao) (voi )?(khach|nguoi dung)"));

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");

    private InjectionFilter() {}

    /**
     * Every alternative of {@link #INSTRUCTION} starts with one of these words, so a match can only
     * start where one of them occurs. Keep the two in step (InjectionFilterTest checks both agree).
     */
    static final List<String> FIRST_WORDS = List.of("ignore", "disregard", "forget", "override", "system", "developer",
            "hidden", "jailbreak", "you", "act", "pretend", "from", "new", "assistant", "ai", "chatbot", "bo", "model",
            "llm", "tell", "instruct", "ask", "phot", "quen", "loi", "prompt", "chi", "tro", "hay");

    /**
     * Whether the text addresses the assistant. The pattern is tried only where one of its first
     * words occurs (found by {@code indexOf}), not at every character: a passage is checked on
     * every answer, and a scan of the full alternation at each position was the costly part.
     */
    public static boolean looksLikeInstruction(String text) {
        String folded = Language.fold(text);
        Matcher m = INSTRUCTION.matcher(folded).useTransparentBounds(true).useAnchoringBounds(false);
        for (String word : FIRST_WORDS) {
            for (int at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
                if (m.region(at, folded.length()).lookingAt()) return true;
            }
        }
        return false;
    }

    /** The plain scan {@link #looksLikeInstruction} must agree with. */
    static boolean looksLikeInstructionByScan(String text) {
        return INSTRUCTION.matcher(Language.fold(text)).find();
    }

    /**
     * The passage without its instruction-like lines and sentences. The same passages come back turn
     * after turn, so results are kept, keyed by the text itself (a changed passage is a new key).
     */
    public static String strip(String passage) {
        return STRIPPED.get(passage, InjectionFilter::stripOnce);
    }

    /** Passages stripped lately: the demo corpus has some 600 chunks. */
    private static final BoundedCache<String, String> STRIPPED = new BoundedCache<>(1024);

    private static String stripOnce(String passage) {
        // almost every passage is clean: one look at the whole text settles it (a match inside one
        // line is a match in the whole text, so this never lets an instruction through)
        if (!looksLikeInstruction(passage)) return passage.strip();
        StringBuilder out = new StringBuilder();
        for (String line : passage.split("\n", -1)) {
            if (!looksLikeInstruction(line)) {
                out.append(line).append('\n');
                continue;
            }
            // keep the sentences of the line that are not instructions
            for (String sentence : SENTENCE_END.split(line)) {
                if (!looksLikeInstruction(sentence)) out.append(sentence).append(' ');
            }
            out.append('\n');
        }
        return out.toString().strip();
    }
}
