package dev.tandem.server.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;
import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.agent.InjectionFilter;
import dev.tandem.server.chat.Identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent's tools: thin adapters over {@link AccountService}, the knowledge base and escalation.
 * Who is asking always comes from the conversation (the {@link ToolMemoryId}), never from an
 * argument; a call the identity does not allow returns a refusal the model can explain. Results
 * are JSON, and they are data for the model, not instructions.
 */
public final class SupportTools {

    public static final String SEARCH = "searchKnowledge";
    public static final String ACCOUNT_SUMMARY = "myAccountSummary";
    public static final String WARRANTY = "warrantyStatus";
    public static final String OPEN_TICKETS = "myOpenTickets";
    public static final String CREATE_TICKET = "createTicket";
    public static final String ESCALATE = "escalateToHuman";

    private static final Pattern SERIAL_OR_ORDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{3,39}");
    private static final int MAX_SEARCH_RESULTS = 3;
    private static final int MAX_QUERY_CHARS = 300;
    private static final int MAX_SUBJECT_CHARS = 200;
    private static final int MAX_DESCRIPTION_CHARS = 4_000;

    private final AccountService accounts;
    private final PassageSearch knowledge;
    private final Escalator escalator;
    private final IdentityLookup identities;
    private final TurnContext turns;
    private final ObjectMapper json = new ObjectMapper();

    public SupportTools(AccountService accounts, PassageSearch knowledge, Escalator escalator,
                        IdentityLookup identities, TurnContext turns) {
        this.accounts = accounts;
        this.knowledge = knowledge;
        this.escalator = escalator;
        this.identities = identities;
        this.turns = turns;
    }

    @Tool(name = SEARCH, value = "Searches the company's support documents the customer may see. Cite results by their n.")
    public String searchKnowledge(@ToolMemoryId String conversationId, @P("what to look for") String query) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) return refused("empty_query", "Say what to search for.");
        if (q.length() > MAX_QUERY_CHARS) q = q.substring(0, MAX_QUERY_CHARS);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Passage p : knowledge.search(q, audienceOf(identities.identityOf(conversationId)), MAX_SEARCH_RESULTS)) {
            int n = turns.addSource(conversationId, p);
            results.add(ordered("n", n, "title", p.title(), "text", InjectionFilter.strip(p.text())));
        }
        return ok("passages", results);
    }

    @Tool(name = ACCOUNT_SUMMARY, value = "The signed-in business customer's own account: contracts in force, SLA tier, account manager.")
    public String myAccountSummary(@ToolMemoryId String conversationId) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        Identity who = identities.identityOf(conversationId);
        if (who.isAnonymous()) return needsAccount();
        return accounts.summary(who)
                .map(s -> ok("account", ordered("company", s.company(), "tier", s.tier(),
                        "accountManager", s.accountManager(), "accountManagerEmail", s.accountManagerEmail(),
                        "contracts", s.contractsInForce().stream().map(SupportTools::contract).toList())))
                .orElseGet(() -> refused("not_found", "No account data is available for this customer."));
    }

    @Tool(name = WARRANTY, value = "Warranty status of a product by its serial number (e.g. MH-RO200-25031234) or order number (e.g. MH2611230457).")
    public String warrantyStatus(@ToolMemoryId String conversationId, @P("serial number or order number") String serialOrOrder) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        String key = serialOrOrder == null ? "" : serialOrOrder.strip().toUpperCase(java.util.Locale.ROOT);
        if (!SERIAL_OR_ORDER.matcher(key).matches()) {
            return refused("bad_number", "That does not look like a serial number or an order number.");
        }
        return accounts.warranty(identities.identityOf(conversationId), key)
                .map(w -> ok("warranty", ordered("serialOrOrder", w.serialOrOrder(), "product", w.product(),
                        "purchaseDate", String.valueOf(w.purchaseDate()), "expiry", String.valueOf(w.expiry()),
                        "inWarranty", w.inWarranty(), "basis", w.basis())))
                .orElseGet(() -> refused("not_found",
                        "No warranty registration with this number is visible to this customer."));
    }

    @Tool(name = OPEN_TICKETS, value = "The signed-in business customer's open support tickets.")
    public String myOpenTickets(@ToolMemoryId String conversationId) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        Identity who = identities.identityOf(conversationId);
        if (who.isAnonymous()) return needsAccount();
        return ok("tickets", accounts.openTickets(who).stream().map(SupportTools::ticket).toList());
    }

    @Tool(name = CREATE_TICKET, value = "Opens a support ticket for the signed-in business customer's account.")
    public String createTicket(@ToolMemoryId String conversationId,
                               @P("short subject") String subject, @P("what happened") String description) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        Identity who = identities.identityOf(conversationId);
        if (who.isAnonymous()) return needsAccount();
        if (subject == null || subject.isBlank()) return refused("bad_subject", "A ticket needs a subject.");
        var ticket = accounts.createTicket(who, conversationId, clip(subject.strip(), MAX_SUBJECT_CHARS),
                clip(description == null ? "" : description.strip(), MAX_DESCRIPTION_CHARS));
        return ok("ticket", ticket(ticket));
    }

    @Tool(name = ESCALATE, value = "Hands the conversation to a human support agent, with the reason.")
    public String escalateToHuman(@ToolMemoryId String conversationId, @P("why a human is needed") String reason) {
        if (!turns.tryUseTool(conversationId)) return budgetSpent();
        escalator.escalate(conversationId, clip(reason == null ? "" : reason.strip(), MAX_SUBJECT_CHARS));
        Identity who = identities.identityOf(conversationId);
        String manager = who.isAnonymous() ? null
                : accounts.summary(who).map(AccountService.AccountSummary::accountManager).orElse(null);
        return ok("escalation", manager == null ? ordered("queue", "support")
                : ordered("queue", "account_manager", "accountManager", manager));
    }

    /** The retrieval audience of an identity: anonymous sees public documents, an account also its own. */
    public static Audience audienceOf(Identity who) {
        return who.isAnonymous() ? Audience.anonymous() : Audience.account(who.accountId());
    }

    private static Map<String, Object> contract(AccountService.Contract c) {
        return ordered("number", c.number(), "productScope", c.productScope(), "start", String.valueOf(c.start()),
                "end", String.valueOf(c.end()), "slaTier", c.slaTier(), "firstResponseMinutes", c.firstResponseMinutes(),
                "resolutionMinutes", c.resolutionMinutes(), "priceTier", c.priceTier(),
                "warrantyTerms", c.warrantyTerms(), "dedicatedSupport", c.dedicatedSupport());
    }

    private static Map<String, Object> ticket(AccountService.Ticket t) {
        return ordered("id", t.id(), "subject", t.subject(), "status", t.status(), "priority", t.priority(),
                "firstResponseDue", String.valueOf(t.firstResponseDue()), "resolutionDue", String.valueOf(t.resolutionDue()));
    }

    private String needsAccount() {
        return refused("needs_signed_in_business_account",
                "Account data is only available to a signed-in business customer of that account.");
    }

    private String budgetSpent() {
        return refused("tool_budget_spent", "No more tool calls this turn; answer with what you have.");
    }

    private String ok(String key, Object value) {
        return write(ordered("status", "ok", key, value));
    }

    private String refused(String reason, String message) {
        return write(ordered("status", "refused", "reason", reason, "message", message));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
