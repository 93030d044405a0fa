package dev.tandem.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.tandem.server.agent.tools.SupportTools;

import java.util.ArrayList;
import java.util.List;

/** The offline answerer's words for tool results: every figure comes from the result, none is made up. */
final class ToolAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolAnswers() {}

    /** Whether the turn's only tool result is a warranty lookup that found nothing for the number given. */
    static boolean unknownNumber(List<ToolExecutionResultMessage> results) {
        if (results.size() != 1 || !results.getFirst().toolName().equals(SupportTools.WARRANTY)) return false;
        try {
            return JSON.readTree(results.getFirst().text()).path("reason").asText().equals("not_found");
        } catch (Exception e) {
            return false;
        }
    }

    static String compose(List<ToolExecutionResultMessage> results, String lang) {
        List<String> parts = new ArrayList<>();
        for (ToolExecutionResultMessage result : results) parts.add(one(result, lang));
        return String.join(" ", parts);
    }

    private static String one(ToolExecutionResultMessage result, String lang) {
        JsonNode node;
        try {
            node = JSON.readTree(result.text());
        } catch (Exception e) {
            return Phrases.unavailable(lang);
        }
        String status = node.path("status").asText();
        String reason = node.path("reason").asText();
        if (!status.equals("ok")) {
            if (reason.equals("needs_signed_in_business_account")) return Phrases.needsAccount(lang);
            if (result.toolName().equals(SupportTools.WARRANTY)) return Phrases.warrantyNotFound(lang, "vi".equals(lang) ? "này" : "this number");
            return Phrases.unavailable(lang);
        }
        return switch (result.toolName()) {
            case SupportTools.ESCALATE -> Phrases.escalated(lang, text(node.path("escalation"), "accountManager"));
            case SupportTools.WARRANTY -> {
                JsonNode w = node.path("warranty");
                yield Phrases.warranty(lang, text(w, "serialOrOrder"), text(w, "product"), text(w, "expiry"),
                        w.path("inWarranty").asBoolean(), text(w, "basis"));
            }
            case SupportTools.OPEN_TICKETS -> {
                JsonNode tickets = node.path("tickets");
                if (tickets.isEmpty()) yield Phrases.noTickets(lang);
                StringBuilder s = new StringBuilder(Phrases.ticketsHeader(lang, tickets.size()));
                for (JsonNode t : tickets) {
                    s.append(" ").append(text(t, "id")).append(" — ").append(text(t, "subject"))
                            .append(" (").append(text(t, "status")).append(", ").append(text(t, "priority")).append(");");
                }
                yield s.toString();
            }
            case SupportTools.ACCOUNT_SUMMARY -> {
                JsonNode a = node.path("account");
                StringBuilder s = new StringBuilder(Phrases.accountSummary(lang, text(a, "company"), text(a, "tier"),
                        text(a, "accountManager"), text(a, "accountManagerEmail")));
                for (JsonNode c : a.path("contracts")) {
                    s.append(' ').append(text(c, "number")).append(": ").append(text(c, "start")).append(" → ")
                            .append(text(c, "end")).append(", SLA ").append(text(c, "slaTier")).append('.');
                }
                yield s.toString();
            }
            case SupportTools.CREATE_TICKET -> ("vi".equals(lang) ? "Đã tạo yêu cầu hỗ trợ " : "Created ticket ")
                    + text(node.path("ticket"), "id") + ".";
            default -> Phrases.unavailable(lang);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
