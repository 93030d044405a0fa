package dev.tandem.server.accounts.importing;

import java.util.Map;

/** A row as read from a file, before validation: its kind, where it came from, and its fields as text. */
record RawRow(String kind, String source, int line, Map<String, String> fields) {

    String get(String field) {
        String v = fields.get(field);
        if (v == null) return null;
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
