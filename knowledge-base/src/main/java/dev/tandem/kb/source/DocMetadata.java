package dev.tandem.kb.source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document's metadata as read from front matter, a sidecar {@code .meta} file or HTML meta tags:
 * lower-case keys (title, lang, audience, doc_type, product, url, version, updated, account,
 * contract_no, effective_date, expiry_date, ...) to trimmed values.
 */
public record DocMetadata(Map<String, String> values) {

    /** Key of a leading heading that differs from the title; searchable like the title, not shown. */
    public static final String SUBTITLE = "subtitle";

    public DocMetadata {
        values = Map.copyOf(values);
    }

    public static DocMetadata empty() {
        return new DocMetadata(Map.of());
    }

    /** This metadata with {@code other}'s values on top. */
    public DocMetadata overriddenBy(Map<String, String> other) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        other.forEach((k, v) -> {
            if (v != null && !v.isBlank()) merged.put(k, v);
        });
        return new DocMetadata(merged);
    }

    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    public String title() {
        return get("title");
    }

    public String lang() {
        return get("lang");
    }

    public String audience() {
        return get("audience");
    }

    public String docType() {
        return get("doc_type");
    }

    public String product() {
        return get("product");
    }

    public String subtitle() {
        return get(SUBTITLE);
    }

    public String url() {
        return get("url");
    }
}
