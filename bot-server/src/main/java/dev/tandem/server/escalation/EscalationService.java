package dev.tandem.server.escalation;

import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.agent.Language;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Escalations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Routes a conversation to a human: a B2B account goes to its account manager with the SLA of its
 * contract in force and the account card; an anonymous visitor goes to the support team with the
 * consumer SLA.
 */
public final class EscalationService implements Escalations {

    /** Consumers have no contract: first response within 4 hours, resolution within 3 days. */
    static final Duration CONSUMER_FIRST_RESPONSE = Duration.ofHours(4);
    static final Duration CONSUMER_RESOLUTION = Duration.ofDays(3);

    private final EscalationPolicy policy;
    private final AccountService accounts;
    private final HandoffStore handoffs;
    private final Clock clock;

    public EscalationService(EscalationPolicy policy, AccountService accounts, HandoffStore handoffs, Clock clock) {
        this.policy = policy;
        this.accounts = accounts;
        this.handoffs = handoffs;
        this.clock = clock;
    }

    @Override
    public Optional<String> reasonFor(Conversation conversation, String text) {
        return policy.evaluate(conversation.identity(), text).map(r -> r.name().toLowerCase());
    }

    @Override
    public String handOff(Conversation conversation, String reason, String text) {
        Instant now = clock.instant();
        String lang = text == null || text.isBlank() ? conversation.lang() : Language.detect(text);
        Optional<AccountService.AccountSummary> account = accounts.summary(conversation.identity());
        Optional<AccountService.Contract> contract = account.flatMap(a -> a.contractsInForce().stream()
                .min(Comparator.comparingInt(AccountService.Contract::firstResponseMinutes)));
        Duration firstResponse = contract.map(c -> Duration.ofMinutes(c.firstResponseMinutes())).orElse(CONSUMER_FIRST_RESPONSE);
        Duration resolution = contract.map(c -> Duration.ofMinutes(c.resolutionMinutes())).orElse(CONSUMER_RESOLUTION);
        Handoff handoff = new Handoff(conversation.id(), reason,
                conversation.identity().accountId(), conversation.identity().contactId(),
                account.map(AccountService.AccountSummary::accountManager).orElse(null),
                account.map(AccountService.AccountSummary::accountManagerEmail).orElse(null),
                contract.map(AccountService.Contract::slaTier).orElse("consumer"),
                now, now.plus(firstResponse), now.plus(resolution), account.orElse(null));
        handoffs.save(handoff);
        return message(handoff, contract, lang);
    }

    private static String message(Handoff h, Optional<AccountService.Contract> contract, String lang) {
        boolean vi = lang.equals("vi");
        String due = humanDuration(Duration.between(h.createdAt(), h.firstResponseDue()), vi);
        if (h.assignee() == null) {
            return vi ? "Mình đã chuyển cuộc trò chuyện cho nhân viên hỗ trợ. Nhân viên sẽ phản hồi trong vòng " + due + "; bạn có thể để lại thêm thông tin tại đây."
                      : "I've passed this conversation to our support team. An agent will reply within " + due + "; feel free to add details here meanwhile.";
        }
        String contractNo = contract.map(AccountService.Contract::number).orElse("");
        if ("batch_defect".equals(h.reason())) {
            return vi ? "Đây là báo cáo lỗi theo lô theo hợp đồng " + contractNo + ". Tôi đã chuyển ngay cho người quản lý tài khoản của quý khách, " + h.assignee() + ". Theo SLA " + h.slaTier() + ", quý khách sẽ nhận phản hồi đầu tiên trong vòng " + due + "."
                      : "This is a batch defect report under contract " + contractNo + ". I've passed it straight to your account manager, " + h.assignee() + ". Under your " + h.slaTier() + " SLA you will get a first response within " + due + ".";
        }
        return vi ? "Tôi đã chuyển cuộc trò chuyện cho người quản lý tài khoản của quý khách, " + h.assignee() + ". Theo SLA " + h.slaTier() + ", quý khách sẽ nhận phản hồi đầu tiên trong vòng " + due + "."
                  : "I've passed this conversation to your account manager, " + h.assignee() + ". Under your " + h.slaTier() + " SLA you will get a first response within " + due + ".";
    }

    static String humanDuration(Duration d, boolean vi) {
        long minutes = d.toMinutes();
        if (minutes < 120) return minutes + (vi ? " phút" : " minutes");
        long hours = d.toHours();
        if (hours < 72) return hours + (vi ? " giờ" : " hours");
        return d.toDays() + (vi ? " ngày" : " days");
    }
}
