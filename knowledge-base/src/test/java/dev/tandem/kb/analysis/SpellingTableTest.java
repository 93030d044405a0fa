package dev.tandem.kb.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingTableTest {

    private static WordForms forms(String spelling) {
        return WordForms.of(spelling, spelling, spelling, spelling);
    }

    @Test
    void finds_a_spelling_by_a_range_of_any_text_and_nothing_else() {
        SpellingTable table = new SpellingTable(100);
        WordForms bao = forms("bảo");
        table.put("bảo", bao);
        assertThat(table.get("Máy được bảo hành", 9, 12)).isSameAs(bao);
        assertThat(table.get("bảo", 0, 3)).isSameAs(bao);
        assertThat(table.get("bạo", 0, 3)).isNull();
        assertThat(table.get("bảoo", 0, 4)).isNull();
        assertThat(table.get("bả", 0, 2)).isNull();
    }

    @Test
    void keeps_every_spelling_across_growth_up_to_its_limit() {
        SpellingTable table = new SpellingTable(20_000);
        List<String> spellings = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) spellings.add("từ" + i + "x".repeat(i % 7));
        for (String s : spellings) table.put(s, forms(s));
        for (int i = 0; i < spellings.size(); i++) {
            String s = spellings.get(i);
            WordForms found = table.get("  " + s + "  ", 2, 2 + s.length());
            if (i < 20_000) assertThat(found).as(s).isNotNull().extracting(WordForms::exact).isEqualTo(s);
            else assertThat(found).as(s).isNull();
        }
    }

    @Test
    void a_reader_beside_a_writer_finds_the_right_forms_or_none() throws InterruptedException {
        SpellingTable table = new SpellingTable(100_000);
        int n = 30_000;
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < n; i++) {
                    String s = "w" + i;
                    WordForms found = table.get(s, 0, s.length());
                    if (found != null && !found.exact().equals(s)) wrong.set(s + " gave " + found.exact());
                }
            }
        });
        for (int i = 0; i < n; i++) table.put("w" + i, forms("w" + i));
        reader.join();
        assertThat(wrong.get()).isNull();
        assertThat(table.get("w" + (n - 1), 0, ("w" + (n - 1)).length())).isNotNull();
    }
}
