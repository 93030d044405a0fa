package dev.tandem.server.chat;

import java.util.List;

/**
 * What the responder answered: the text, the numbered citations shown to the user, and the audit
 * trail (chunk ids with content hashes) of the passages it relied on.
 */
public record Reply(String text, List<Citation> citations, List<String> audit, boolean offerHuman) {
    public Reply {
        citations = List.copyOf(citations);
        audit = List.copyOf(audit);
    }
}
