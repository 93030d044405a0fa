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
            Quản lý tài khoản của tôi là ai?                                 | ACCOUNT_SUMMARY
            Quản lý tài khoản gửi email mời tôi vào cổng đặt hàng B2B nhưng tôi chưa bấm. Link mời đó có hiệu lực trong bao lâu? | QUESTION
            """)
    void the_answerer_reads_a_human_request_or_a_batch_defect_as_the_engine_does(String text, Intent expected) {
        assertThat(Intent.detect(text, false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Kiểm tra bảo hành MH-RO100-24113456                                                          | false
            MH-RO100-24113456                                                                            | false
            Is MH-AF80D-25094499 still under warranty?                                                   | false
            Please check the warranty for my order MH2611239999, thanks                                   | false
            Máy của tôi số MH-RO200-25039999 hết hạn bảo hành chưa vậy?                                   | false
            Kiểm tra bảo hành nồi cơm số MH-RC18-25039999                                                 | false
            Tôi làm mất hóa đơn máy lọc nước rồi, tem ghi số sê-ri MH-RO100-24113456. Vậy bảo hành của tôi tính từ ngày nào? | true
            Máy MH-RO200-25039999 còn bảo hành không, lõi lọc có được bảo hành không?                      | true
            My kettle MH-KT17-25080001 lid hinge cracked, is it covered by warranty or the recall?         | true
            """)
    void a_question_with_a_number_asks_more_than_its_status_when_it_says_more_than_a_lookup(String text, boolean more) {
        assertThat(Intent.asksMoreThanLookup(text)).isEqualTo(more);
    }
}
