package dev.tandem.server.agent.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerEvaluationTest {

    @Test
    void numbers_are_compared_without_thousands_separators_and_without_citation_markers() {
        assertThat(AnswerEvaluation.numbers("Đơn dưới 500.000 VND chịu phí 30.000 VND [1]."))
                .containsExactly("500000", "30000");
        assertThat(AnswerEvaluation.numbers("Orders under 500,000 VND pay 30,000 VND [2]"))
                .containsExactly("500000", "30000");
        assertThat(AnswerEvaluation.numbers("Dung tích 1,8 lít, 1.250 W")).containsExactly("1.8", "1250");
        assertThat(AnswerEvaluation.numbers("Capacity 1.8 L")).containsExactly("1.8");
    }

    @Test
    void an_answer_counts_as_stating_the_facts_only_when_it_holds_every_number() {
        AnswerEvaluation.Facts facts = AnswerEvaluation.Facts.NONE
                .plus(List.of("24", "36"), Set.of("24", "36", "4"))
                .plus(List.of("500000", "30000"), Set.of("500000"))
                .plus(List.of(), Set.of("7"));

        assertThat(facts.checked()).isEqualTo(2);
        assertThat(facts.allStated()).isEqualTo(1);
        assertThat(facts.numbers()).isEqualTo(4);
        assertThat(facts.stated()).isEqualTo(3);
    }
}
