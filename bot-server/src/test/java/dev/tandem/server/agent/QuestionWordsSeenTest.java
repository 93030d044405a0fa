package dev.tandem.server.agent;

import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;
import dev.tandem.kb.search.PassageSearcher.TermRarity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionWordsSeenTest {

    @Test
    void words_a_passage_holds_are_left_out_with_their_marks() {
        List<String> passages = List.of("Bảo hành 24 tháng cho máy lọc nước.", "Giao hàng miễn phí.");

        // "bao" typed without marks is held by "Bảo", which the index also holds folded
        assertThat(QuestionWordsSeen.notIn("Máy lọc bảo hành bao lâu?", passages)).isEqualTo("lâu");
        // "bán" is not "bạn": the marks differ, so the index may not hold it as written
        assertThat(QuestionWordsSeen.notIn("bạn giao tủ lạnh không", passages)).isEqualTo("bạn tủ lạnh không");
        // typed without marks, a word is held by any passage word that folds to it
        assertThat(QuestionWordsSeen.notIn("bao hanh giao hang", passages)).isEmpty();
    }

    /**
     * Over the real index: every question word left out as held is one the index counts in at least
     * one visible chunk as written and in any form, so leaving it out changes nothing the answerer
     * reads (it only looks at words no chunk holds); the words still counted get the same counts.
     */
    @Test
    void a_word_left_out_is_one_the_index_counts_as_visible() {
        var knowledge = AgentFixture.shared().knowledge;
        Audience audience = Audience.anonymous();
        for (String question : List.of("Máy lọc nước MH-RO200 bảo hành bao lâu?", "Phí ship bn vậy shop?",
                "Do you sell electric scooters?", "Số điện thoại tổng giám đốc là gì?",
                "Lotus Hotels có hợp đồng gì với bên mình?", "noi chien khong dau bi loi E4")) {
            List<String> texts = knowledge.search(question, audience, 6).stream().map(Passage::text).toList();
            String unseen = QuestionWordsSeen.notIn(question, texts);
            List<TermRarity> all = knowledge.termRarity(question, audience);
            Set<String> counted = knowledge.termRarity(unseen, audience).stream()
                    .map(TermRarity::exact).collect(Collectors.toSet());

            for (TermRarity w : all) {
                if (counted.contains(w.exact())) continue;
                assertThat(w.chunks()).as("%s in %s", w.written(), question).isPositive();
                assertThat(w.anyForm()).as("%s in %s", w.written(), question).isPositive();
            }
            assertThat(knowledge.termRarity(unseen, audience))
                    .allMatch(w -> all.stream().anyMatch(a -> a.exact().equals(w.exact())
                            && a.chunks() == w.chunks() && a.anyForm() == w.anyForm()));
        }
    }
}
