package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnContractQuestionTest {

    @Test
    void a_question_about_the_customers_own_contract_in_either_language() {
        assertThat(OwnContractQuestion.asks(QuestionText.of("What late-payment interest does our agreement charge?"))).isTrue();
        assertThat(OwnContractQuestion.asks(QuestionText.of("Lãi phạt chậm thanh toán theo hợp đồng của chúng tôi là bao nhiêu?"))).isTrue();
        assertThat(OwnContractQuestion.asks(QuestionText.of("Theo hợp đồng thì hàng được giao tới đâu?"))).isTrue();
        // a contract in general, or none
        assertThat(OwnContractQuestion.asks(QuestionText.of("Do you sign contracts with hotels?"))).isFalse();
        assertThat(OwnContractQuestion.asks(QuestionText.of("Can I pay in 0% installments with a debit card?"))).isFalse();
    }

    @Test
    void contract_terms_are_a_contract_an_agreement_an_annex_or_the_trade_terms() {
        assertThat(OwnContractQuestion.isTerms("Supply and service agreement LH-2026-002 — Lotus Hotels & Resorts › 9. Payment")).isTrue();
        assertThat(OwnContractQuestion.isTerms("Hợp đồng cung cấp hàng hóa HĐ-2025-XM-007 — Xanh Mart › 8. Thanh toán")).isTrue();
        assertThat(OwnContractQuestion.isTerms("B2B terms of trade › Payment")).isTrue();
        assertThat(OwnContractQuestion.isTerms("Payment methods and installments › 0% installments")).isFalse();
    }
}
