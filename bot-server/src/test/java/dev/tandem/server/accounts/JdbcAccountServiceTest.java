package dev.tandem.server.accounts;

import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcAccountServiceTest {

    private static final Identity PHUONG_NAM = new Identity("acc-phuongnam", "c-pn-001", "Nguyễn Văn Phúc");
    private static final Identity LOTUS = new Identity("acc-lotushotels", "c-lotus-001", "Trương Mỹ Linh");
    private static final Identity XANH_MART = new Identity("acc-xanhmart", "c-xm-001", "Đặng Thu Trang");

    private static Database db;
    private static JdbcAccountService accounts;

    @BeforeAll
    static void demoData() {
        db = AccountFixtures.demoDatabase();
        accounts = new JdbcAccountService(db.dataSource(), AccountFixtures.CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void an_identified_contact_sees_its_own_account_summary() {
        // when
        var summary = accounts.summary(PHUONG_NAM).orElseThrow();

        // then
        assertThat(summary.company()).isEqualTo("Công ty TNHH Phân phối Phương Nam");
        assertThat(summary.tier()).isEqualTo("Gold");
        assertThat(summary.accountManager()).isEqualTo("Trần Thu Hà");
        assertThat(summary.accountManagerEmail()).isEqualTo("ha.tran@mekonghome.vn");
        assertThat(summary.contractsInForce()).singleElement().satisfies(k -> {
            assertThat(k.number()).isEqualTo("HĐ-2025-PN-014");
            assertThat(k.firstResponseMinutes()).isEqualTo(120);
            assertThat(k.priceTier()).isEqualTo("A");
            assertThat(k.documentId()).isEqualTo("contracts/acc-phuongnam/hd-2025-pn-014.md");
            assertThat(k.start()).isEqualTo(LocalDate.of(2025, 3, 1));
        });
    }

    @Test
    void an_anonymous_caller_gets_no_account_data() {
        Identity anonymous = Identity.anonymous();

        assertThat(accounts.summary(anonymous)).isEmpty();
        assertThat(accounts.openTickets(anonymous)).isEmpty();
        assertThat(accounts.ticket(anonymous, "TK-PN-0001")).isEmpty();
        assertThat(accounts.warranty(anonymous, "MH-RO100-25040311")).isEmpty();
        assertThat(accounts.summary(null)).isEmpty();
        assertThatThrownBy(() -> accounts.createTicket(anonymous, null, "help", "x"))
                .isInstanceOf(AccountException.class).extracting("code").isEqualTo(AccountException.ACCOUNT_REQUIRED);
    }

    @Test
    void consumer_registrations_are_visible_to_anyone_without_account_data() {
        // MH-AF80D bought 2025-10-05: air fryer 18 months
        var status = accounts.warranty(Identity.anonymous(), " mh-af80d-25094417 ").orElseThrow();

        assertThat(status.expiry()).isEqualTo(LocalDate.of(2027, 4, 4));
        assertThat(status.inWarranty()).isTrue();
        assertThat(status.basis()).doesNotContain("contract");
        assertThat(accounts.warranty(XANH_MART, "MH-AF80D-25094417")).isPresent();
    }

    @Test
    void without_an_invoice_the_warranty_starts_60_days_after_the_month_of_manufacture() {
        var status = accounts.warranty(Identity.anonymous(), "MH-RO200-25031234").orElseThrow();

        assertThat(status.purchaseDate()).isNull();
        assertThat(status.expiry()).isEqualTo(LocalDate.of(2027, 4, 29)); // from 2025-04-30, 24 months
    }

    @Test
    void an_account_registration_gets_its_contract_extension() {
        // Phương Nam: purifiers 24 + 12 months; Lotus: air fryers 18 + 12; Xanh Mart: air fryers 18 + 6
        assertThat(accounts.warranty(PHUONG_NAM, "MH-RO100-25040311").orElseThrow().expiry()).isEqualTo(LocalDate.of(2028, 5, 9));
        assertThat(accounts.warranty(LOTUS, "MH-AF80D-26010031").orElseThrow().expiry()).isEqualTo(LocalDate.of(2028, 8, 1));
        assertThat(accounts.warranty(XANH_MART, "MH-AF80D-25080233").orElseThrow().expiry()).isEqualTo(LocalDate.of(2027, 9, 11));
        // a membrane is never extended; an air fryer at Phương Nam is not extended
        assertThat(accounts.warranty(PHUONG_NAM, "MH-F-RO75-25050901").orElseThrow().expiry()).isEqualTo(LocalDate.of(2026, 5, 31));
        var fryer = accounts.warranty(PHUONG_NAM, "MH-AF55-25070588").orElseThrow();
        assertThat(fryer.expiry()).isEqualTo(LocalDate.of(2027, 2, 17));
        assertThat(fryer.basis()).doesNotContain("contract");
    }

    @Test
    void another_accounts_serials_and_tickets_are_not_found_whatever_the_input() {
        for (String input : List.of("MH-RO100-25040311", "mh-ro100-25040311", "MH-RO100-25040311' OR '1'='1",
                "' OR owner_type = 'account", "%", "MH-RO100-%")) {
            assertThat(accounts.warranty(XANH_MART, input)).as(input).isEmpty();
            assertThat(accounts.warranty(Identity.anonymous(), input)).as(input).isEmpty();
        }
        assertThat(accounts.ticket(XANH_MART, "TK-PN-0001")).isEmpty();
        assertThat(accounts.ticket(PHUONG_NAM, "TK-PN-0001")).isPresent();
        assertThat(accounts.openTickets(XANH_MART)).extracting(AccountService.Ticket::accountId).containsOnly("acc-xanhmart");
        assertThat(accounts.summary(new Identity("acc-phuongnam' OR '1'='1", "x", null))).isEmpty();
    }

    @Test
    void a_platinum_ticket_is_urgent_and_due_in_30_minutes_around_the_clock() {
        Instant now = AccountFixtures.CLOCK.instant();

        var ticket = accounts.createTicket(LOTUS, null, "12 air fryers won't heat, error E3", "batch from last delivery");

        assertThat(ticket.priority()).isEqualTo("urgent");
        assertThat(ticket.firstResponseDue()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(ticket.resolutionDue()).isEqualTo(now.plus(Duration.ofHours(24)));
        assertThat(accounts.openTickets(LOTUS)).extracting(AccountService.Ticket::id).contains(ticket.id());
        assertThat(accounts.ticket(PHUONG_NAM, ticket.id())).isEmpty();
    }

    @Test
    void a_gold_ticket_counts_business_hours() {
        // Monday 09:00 in Vietnam + 2 business hours = 11:00; resolution 2 business days (1140 business minutes) = Wednesday 09:00
        var ticket = accounts.createTicket(PHUONG_NAM, null, "Giao thiếu hàng", null);

        assertThat(ticket.priority()).isEqualTo("high");
        assertThat(ticket.firstResponseDue()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(ticket.resolutionDue()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    }

    @Test
    void a_ticket_cannot_be_linked_to_another_accounts_conversation() throws Exception {
        // given a conversation of Xanh Mart
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO visitors (id, created_at) VALUES ('v-xm', CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO conversations (id, visitor_id, account_id, contact_id, status, lang, last_seq, created_at, updated_at)"
                    + " VALUES ('conv-xm', 'v-xm', 'acc-xanhmart', 'c-xm-001', 'bot', 'vi', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        // then
        assertThatThrownBy(() -> accounts.createTicket(PHUONG_NAM, "conv-xm", "subject", null))
                .isInstanceOf(AccountException.class).extracting("code").isEqualTo(AccountException.NOT_YOURS);
        assertThat(accounts.createTicket(XANH_MART, "conv-xm", "subject", null).conversationId()).isEqualTo("conv-xm");
    }

    @Test
    void staff_see_the_account_card() {
        var card = accounts.accountCard(new AccountService.Staff("test", "admin"), "acc-lotushotels").orElseThrow();

        assertThat(card.summary().tier()).isEqualTo("Platinum");
        assertThat(card.summary().accountManager()).isEqualTo("Lê Hoàng Nam");
        assertThat(card.dedicatedSupport()).contains("Võ Thành Đạt");
        assertThat(card.contacts()).extracting(AccountService.Contact::email).contains("linh.truong@lotushotels.vn");
        assertThat(card.summary().contractsInForce().getFirst().resolutionMinutes()).isEqualTo(24 * 60);
        assertThat(accounts.accountCard(null, "acc-lotushotels")).isEmpty();
        assertThat(accounts.accountCard(new AccountService.Staff("test", "admin"), "acc-nope")).isEmpty();
    }
}
