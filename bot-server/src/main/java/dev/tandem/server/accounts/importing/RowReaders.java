package dev.tandem.server.accounts.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads import files into raw rows that remember their line; structural problems become errors. */
final class RowReaders {

    static final Set<String> KINDS = Set.of("accounts", "contacts", "contracts", "warranties", "tickets");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowReaders() {}

    static void read(ImportSource source, List<RawRow> rows, List<ImportError> errors) {
        if (source.isJson()) {
            readJson(source, rows, errors);
        } else if (source.isCsv()) {
            String kind = source.kind() != null ? source.kind() : kindFromName(source.name());
            if (kind == null || !KINDS.contains(kind)) {
                errors.add(new ImportError(source.name(), 0, "cannot tell what this CSV holds: name it accounts.csv, contacts.csv,"
                        + " contracts.csv, warranties.csv or tickets.csv, or give the kind"));
                return;
            }
            readCsv(source, kind, rows, errors);
        } else {
            errors.add(new ImportError(source.name(), 0, "unsupported file type: use .json or .csv"));
        }
    }

    private static String kindFromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String kind : KINDS) {
            if (n.startsWith(kind) || n.startsWith(kind.substring(0, kind.length() - 1))) return kind;
        }
        if (n.startsWith("warrant")) return "warranties";
        return null;
    }

    /** A bundle object whose members are arrays of row objects; each row keeps the line of its '{'. */
    private static void readJson(ImportSource source, List<RawRow> rows, List<ImportError> errors) {
        try (JsonParser p = new JsonFactory().setCodec(JSON).createParser(source.content())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                errors.add(new ImportError(source.name(), line(p), "expected a JSON object with arrays accounts, contacts, contracts, warranties"));
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String kind = p.currentName();
                int kindLine = line(p);
                JsonToken value = p.nextToken();
                if (!KINDS.contains(kind)) {
                    errors.add(new ImportError(source.name(), kindLine, "unknown section \"" + kind + "\"; expected one of " + KINDS));
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    errors.add(new ImportError(source.name(), kindLine, "\"" + kind + "\" must be an array"));
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int rowLine = line(p);
                    JsonNode node = p.readValueAsTree();
                    if (node == null || !node.isObject()) {
                        errors.add(new ImportError(source.name(), rowLine, kind + ": each row must be an object"));
                        continue;
                    }
                    rows.add(new RawRow(kind, source.name(), rowLine, flatten(node)));
                }
            }
        } catch (JsonProcessingException e) {
            errors.add(new ImportError(source.name(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(new ImportError(source.name(), 0, "cannot read: " + e.getMessage()));
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /** Values become text; an object (warranty_extensions) becomes "key:value;key:value". */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) return;
            if (v.isObject()) {
                var sb = new StringBuilder();
                v.properties().forEach(x -> sb.append(sb.isEmpty() ? "" : ";").append(x.getKey()).append(':').append(x.getValue().asText()));
                fields.put(e.getKey(), sb.toString());
            } else if (v.isArray()) {
                var sb = new StringBuilder();
                v.forEach(x -> sb.append(sb.isEmpty() ? "" : ", ").append(x.asText()));
                fields.put(e.getKey(), sb.toString());
            } else {
                fields.put(e.getKey(), v.asText());
            }
        });
        return fields;
    }

    /** RFC 4180 CSV with a header row; quoted fields may hold commas, quotes ("") and line breaks. */
    private static void readCsv(ImportSource source, String kind, List<RawRow> rows, List<ImportError> errors) {
        String text = new String(source.content(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> header = null;
        List<String> record = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : '\n';
            boolean end = i == text.length();
            if (quoted && !end) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') line++;
                    field.append(ch);
                }
                continue;
            }
            if (quoted) {
                errors.add(new ImportError(source.name(), recordLine, "unclosed quote"));
                return;
            }
            if (ch == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (ch == '\r') {
                // CRLF: the \n ends the record
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                boolean blank = record.size() == 1 && record.getFirst().isBlank();
                if (!blank) {
                    if (header == null) {
                        header = record.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
                    } else if (record.size() != header.size()) {
                        errors.add(new ImportError(source.name(), recordLine, "expected " + header.size()
                                + " columns (" + String.join(",", header) + "), found " + record.size()));
                    } else {
                        Map<String, String> fields = new LinkedHashMap<>();
                        for (int c = 0; c < header.size(); c++) fields.put(header.get(c), record.get(c));
                        rows.add(new RawRow(kind, source.name(), recordLine, fields));
                    }
                }
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (header == null) errors.add(new ImportError(source.name(), 0, "empty file: a header row is required"));
    }
}
