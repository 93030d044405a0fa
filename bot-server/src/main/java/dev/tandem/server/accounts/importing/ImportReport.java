package dev.tandem.server.accounts.importing;

import java.util.Map;

/** What an import wrote, per kind: rows inserted and rows updated. */
public record ImportReport(Map<String, Counts> kinds) {

    /** Rows inserted and updated for one kind. */
    public record Counts(int inserted, int updated) {}

    public int inserted(String kind) {
        return kinds.getOrDefault(kind, new Counts(0, 0)).inserted();
    }

    public int updated(String kind) {
        return kinds.getOrDefault(kind, new Counts(0, 0)).updated();
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        kinds.forEach((kind, c) -> sb.append(sb.isEmpty() ? "" : ", ").append(kind).append(": ")
                .append(c.inserted()).append(" new, ").append(c.updated()).append(" updated"));
        return sb.isEmpty() ? "nothing to import" : sb.toString();
    }
}
