package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.Identity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Account data over REST, for staff only: {@code GET /api/admin/accounts/{id}} (behind AdminAuth),
 * plus the demo storefront's token issuer {@code GET /api/demo/identity-token?contact=...}, which
 * exists only while the server runs with the built-in demo secret.
 */
final class AccountController {

    private static final Duration DEMO_TOKEN_TTL = Duration.ofMinutes(30); // long enough for a demo, short if copied

    private final AccountService accounts;
    private final IdentityTokens identityTokens;
    private final boolean demoSecret;
    private final ObjectMapper json;

    AccountController(AccountService accounts, IdentityTokens identityTokens, boolean demoSecret, ObjectMapper json) {
        this.accounts = accounts;
        this.identityTokens = identityTokens;
        this.demoSecret = demoSecret;
        this.json = json;
    }

    /** The routes, served by the controller {@code controller} gives at request time. */
    static void routes(RoutesConfig routes, Supplier<AccountController> controller) {
        routes.get("/api/admin/accounts/{id}", ctx -> controller.get().accountCard(ctx));
        routes.get("/api/demo/identity-token", ctx -> controller.get().demoIdentityToken(ctx));
    }

    void accountCard(Context ctx) throws Exception {
        var card = accounts.accountCard(new AccountService.Staff("admin-token", "admin"), ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no such account"));
        ctx.contentType("application/json").result(json.writeValueAsString(AccountJson.card(card)));
    }

    void demoIdentityToken(Context ctx) throws Exception {
        if (!demoSecret) throw new NotFoundResponse();
        String contactId = ctx.queryParam("contact");
        var contact = accounts.contact(new AccountService.Staff("demo-storefront", "demo"), contactId)
                .orElseThrow(() -> new NotFoundResponse("no such demo contact"));
        String token = identityTokens.issue(new Identity(contact.accountId(), contact.id(), contact.name()),
                contact.email(), DEMO_TOKEN_TTL);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("contact", contact.id());
        body.put("account", contact.accountId());
        body.put("name", contact.name());
        body.put("expiresInSeconds", DEMO_TOKEN_TTL.toSeconds());
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(json.writeValueAsString(body));
    }

    /** Plain maps with ISO dates, so the wire form does not depend on the mapper's modules. */
    static final class AccountJson {
        private AccountJson() {}

        static Map<String, Object> card(AccountService.AccountCard card) {
            Map<String, Object> m = summary(card.summary());
            m.put("size", card.size());
            m.put("accountManagerPhone", card.accountManagerPhone());
            m.put("dedicatedSupport", card.dedicatedSupport());
            m.put("contacts", card.contacts().stream().map(k -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", k.id());
                c.put("name", k.name());
                c.put("email", k.email());
                c.put("phone", k.phone());
                c.put("role", k.role());
                return c;
            }).toList());
            m.put("openTickets", tickets(card.openTickets()));
            return m;
        }

        static Map<String, Object> summary(AccountService.AccountSummary s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accountId", s.accountId());
            m.put("company", s.company());
            m.put("industry", s.industry());
            m.put("tier", s.tier());
            m.put("accountManager", s.accountManager());
            m.put("accountManagerEmail", s.accountManagerEmail());
            m.put("contractsInForce", s.contractsInForce().stream().map(k -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("number", k.number());
                c.put("productScope", k.productScope());
                c.put("start", k.start().toString());
                c.put("end", k.end().toString());
                c.put("slaTier", k.slaTier());
                c.put("firstResponseMinutes", k.firstResponseMinutes());
                c.put("resolutionMinutes", k.resolutionMinutes());
                c.put("priceTier", k.priceTier());
                c.put("warrantyTerms", k.warrantyTerms());
                c.put("dedicatedSupport", k.dedicatedSupport());
                c.put("documentId", k.documentId());
                return c;
            }).toList());
            return m;
        }

        static List<Map<String, Object>> tickets(List<AccountService.Ticket> tickets) {
            return tickets.stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", t.id());
                m.put("subject", t.subject());
                m.put("status", t.status());
                m.put("priority", t.priority());
                m.put("firstResponseDue", t.firstResponseDue().toString());
                m.put("resolutionDue", t.resolutionDue().toString());
                m.put("conversationId", t.conversationId());
                return m;
            }).toList();
        }
    }
}
