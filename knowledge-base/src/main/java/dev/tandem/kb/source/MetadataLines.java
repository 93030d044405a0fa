package dev.tandem.kb.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the flat {@code key: value} lines of YAML front matter and sidecar {@code .meta} files.
 * Nested YAML is not supported (the corpus does not use it); surrounding quotes are removed.
 */
public final class MetadataLines {

    private MetadataLines() {}

    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            int colon = trimmed.indexOf(':');
            if (colon <= 0) continue;
            String key = trimmed.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String value = unquote(trimmed.substring(colon + 1).strip());
            if (!value.isEmpty()) values.put(key, value);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && first == last) return value.substring(1, value.length() - 1);
            if (first == '[' && last == ']') return value.substring(1, value.length() - 1).replace("\"", "").strip();
        }
        return value;
    }
}
