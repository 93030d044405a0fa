package dev.tandem.server.escalation;

import dev.tandem.server.chat.Identity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationPolicyTest {

    private final EscalationPolicy policy = new EscalationPolicy();
    private final Identity lotus = new Identity("acc-lotushotels", "c-lotus-001", "Linh");

    @ParameterizedTest
    @ValueSource(strings = {"gặp nhân viên", "Cho mình nói chuyện với nhân viên tư vấn", "toi muon gap nhan vien",
            "talk to an agent", "Can I speak to a human please?", "agent", "connect me please", "live agent",
            "escalate this", "nhân viên ơi", "chuyển cho tư vấn viên giúp mình"})
    void asking_for_a_human_escalates_anyone(String text) {
        assertThat(policy.evaluate(Identity.anonymous(), text)).contains(EscalationPolicy.Reason.ASKED_FOR_HUMAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 air fryers from our last delivery won't heat, error E3", "12 air fryers from our last delivery won’t heat",
            "Lô hàng vừa giao có 20 nồi chiên không nóng", "30 máy lọc nước trong đợt giao tuần trước bị lỗi E2"})
    void a_batch_defect_from_an_account_escalates(String text) {
        assertThat(policy.evaluate(lotus, text)).contains(EscalationPolicy.Reason.BATCH_DEFECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"máy lọc nước bảo hành bao lâu?", "my air fryer shows error E3", "lỗi E1 là gì",
            "How many agents work at the service centre?", "2 noi chien bi loi",
            "Giá sỉ cho 50 máy lọc nước là bao nhiêu, có chiết khấu không?", "10 chiếc nồi chiên có được bảo hành không",
            "máy lọc nước có cần người lắp đặt không?"})
    void ordinary_questions_stay_with_the_bot(String text) {
        assertThat(policy.evaluate(lotus, text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 air fryers from our last delivery won't heat, error E3"})
    void a_batch_report_from_an_anonymous_visitor_is_not_routed_to_an_account(String text) {
        assertThat(policy.evaluate(Identity.anonymous(), text)).isEmpty();
    }
}
