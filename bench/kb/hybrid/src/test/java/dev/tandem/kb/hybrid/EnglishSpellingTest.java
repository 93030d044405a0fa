package dev.tandem.kb.hybrid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishSpellingTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "How long do refunds take?",
            "What is the wholesale price of a carton of Mì Bò Hầm?",
            "can I give my Mekong Xanh points to my mom?"})
    void englishQuestions(String question) {
        assertThat(EnglishSpelling.isEnglish(question)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Máy lọc nước bảo hành bao lâu?",
            "May loc nuoc bao hanh bao lau?",
            "Mekong Home co ban tu lanh khong?",
            "Noi MH-RC18IH bao loi E4",
            "Phi ship bn?"})
    void vietnameseQuestionsWithOrWithoutMarks(String question) {
        assertThat(EnglishSpelling.isEnglish(question)).isFalse();
    }
}
