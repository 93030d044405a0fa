package dev.tandem.server.agent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            gặp nhân viên                                                    | HUMAN
            escalate please                                                  | HUMAN
            Can I speak to a human please?                                   | HUMAN
            12 air fryers from our last delivery won't heat, error E3        | BATCH_DEFECT
            Lô hàng vừa giao có 20 nồi chiên không nóng                      | BATCH_DEFECT
            Giá sỉ cho 50 máy lọc nước là bao nhiêu, có chiết khấu không?    | QUESTION
            10 chiếc nồi chiên có được bảo hành không                        | QUESTION
            máy lọc nước có cần người lắp đặt không?                         | QUESTION
            xin chào                                                         | GREETING
            """)
    void the_answerer_reads_a_human_request_or_a_batch_defect_as_the_engine_does(String text, Intent expected) {
        assertThat(Intent.detect(text, false)).isEqualTo(expected);
    }
}
