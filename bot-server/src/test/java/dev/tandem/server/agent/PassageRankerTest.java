package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PassageRankerTest {

    @Test
    void a_story_told_before_an_asking_sentence_that_names_nothing_is_what_a_passage_must_hold() {
        // "What can I do?" names nothing: a passage about something else does not hold "all" of what is asked
        List<PassageRanker.Ranked> ranked = PassageRanker.rank(List.of(
                new PassageRanker.Candidate("Payment methods › Instalments", "Instalments at 0% for orders from 3,000,000 VND.", "en", 0.5),
                new PassageRanker.Candidate("Kettle manual › Troubleshooting", "The kettle switches off before boiling: descale it with citric acid.", "en", 0.5)),
                "My kettle switches off before the water boils. What can I do?");
        PassageRanker.Ranked payments = ranked.stream().filter(r -> r.index() == 0).findFirst().orElseThrow();
        PassageRanker.Ranked kettle = ranked.stream().filter(r -> r.index() == 1).findFirst().orElseThrow();
        assertThat(payments.coverage()).isLessThan(OfflineGroundedModel.MIN_COVERAGE);
        assertThat(kettle.coverage()).isGreaterThan(payments.coverage());
        assertThat(ranked.getFirst().index()).isEqualTo(1);
        // an asking sentence that names something still counts on its own
        PassageRanker.Ranked asked = PassageRanker.rank(List.of(
                new PassageRanker.Candidate("Payment methods › Instalments", "Instalments at 0% for orders from 3,000,000 VND.", "en", 0.5)),
                "I saw a nice air fryer in your shop yesterday and my wife liked it. Can I pay in instalments?").getFirst();
        assertThat(asked.coverage()).isGreaterThanOrEqualTo(0.5);
    }
}
