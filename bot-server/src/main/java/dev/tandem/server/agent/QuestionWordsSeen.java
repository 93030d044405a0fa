package dev.tandem.server.agent;

import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which words of a question the passages already retrieved for it hold. The word counts the
 * prompt ends with ({@link GroundingPrompt#WORD_COUNTS}) only matter for words few or no visible
 * documents hold; a word in one of the retrieved passages (which the audience filter already
 * allowed) is in at least one visible chunk as written and in any form, so it needs no count. The
 * words are segmented as the index segments them ({@link Words}): a marked word counts as held when
 * a passage's body has it with the same marks, an unmarked one when a body word folds to it, which
 * is what the index's exact and folded body fields hold.
 */
final class QuestionWordsSeen {

    /** Body word forms (marked words with their marks, every word folded) per passage text: a few KB each. */
    private static final BoundedCache<String, Set<String>> FORMS = new BoundedCache<>(1024);

    private QuestionWordsSeen() {}

    /** The words of {@code question} none of {@code passageTexts} holds, as typed, separated by spaces ("" when none). */
    static String notIn(String question, List<String> passageTexts) {
        List<Set<String>> held = passageTexts.stream().map(t -> FORMS.get(t, QuestionWordsSeen::forms)).toList();
        StringBuilder unseen = new StringBuilder();
        for (Word w : Words.of(question)) {
            String form = w.marked() ? w.exact() : w.folded();
            if (held.stream().anyMatch(h -> h.contains(form))) continue;
            if (!unseen.isEmpty()) unseen.append(' ');
            unseen.append(question, w.start(), w.end());
        }
        return unseen.toString();
    }

    private static Set<String> forms(String text) {
        Set<String> forms = new HashSet<>();
        for (Word w : Words.of(text)) {
            forms.add(w.folded());
            if (w.marked()) forms.add(w.exact());
        }
        return forms;
    }
}
