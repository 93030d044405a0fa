package dev.tandem.server.accounts.importing;

import dev.tandem.server.accounts.SlaTier;
import dev.tandem.server.accounts.WarrantyPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns raw rows into an {@link ImportBatch}, collecting one clear error per problem with the row's
 * file and line. References (a contact's account, a contract's document) are checked against the
 * file itself and what the database already holds.
 */
final class RowValidator {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SERIAL_OR_ORDER = Pattern.compile("[A-Z0-9][A-Z0-9-]{3,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PRICE_TIERS = Set.of("A", "B", "C");
    private static final Set<String> TICKET_STATUSES = Set.of("open", "pending", "resolved", "closed");

    private final Set<String> knownAccounts;
    private final Path knowledgeDir;
    private final LocalDate today;
    private final List<ImportError> errors;

    /**
     * @param knownAccounts account ids already in the database
     * @param knowledgeDir  the indexed documents, to check contract documents; null skips that check
     */
    RowValidator(Set<String> knownAccounts, Path knowledgeDir, LocalDate today, List<ImportError> errors) {
        this.knownAccounts = knownAccounts;
        this.knowledgeDir = knowledgeDir;
        this.today = today;
        this.errors = errors;
    }

    ImportBatch validate(List<RawRow> rows) {
        Set<String> accountsInFile = new java.util.HashSet<>();
        rows.stream().filter(r -> r.kind().equals("accounts")).map(r -> r.get("id")).filter(v -> v != null).forEach(accountsInFile::add);
        Function<String, Boolean> accountExists = id -> accountsInFile.contains(id) || knownAccounts.contains(id);

        var accounts = new ArrayList<ImportBatch.AccountRow>();
        var contacts = new ArrayList<ImportBatch.ContactRow>();
        var contracts = new ArrayList<ImportBatch.ContractRow>();
        var warranties = new ArrayList<ImportBatch.WarrantyRow>();
        var tickets = new ArrayList<ImportBatch.TicketRow>();
        Map<String, RawRow> seen = new HashMap<>();
        for (RawRow row : rows) {
            var check = new RowCheck(row);
            switch (row.kind()) {
                case "accounts" -> {
                    String id = check.id("id");
                    String company = check.required("company", 200);
                    String email = check.email("account_manager_email");
                    if (check.ok() && unique(row, id, seen)) {
                        accounts.add(new ImportBatch.AccountRow(id, company, check.optional("industry", 100),
                                check.optional("size", 100), check.optional("tier", 32), check.optional("account_manager", 100),
                                email, check.optional("account_manager_phone", 50)));
                    }
                }
                case "contacts" -> {
                    String id = check.id("id");
                    String account = check.account("account_id", accountExists);
                    String name = check.required("name", 200);
                    String email = check.email("email");
                    if (check.ok() && unique(row, id, seen)) {
                        contacts.add(new ImportBatch.ContactRow(id, account, name, email, check.optional("phone", 50), check.optional("role", 100)));
                    }
                }
                case "contracts" -> contract(check, accountExists, seen, contracts);
                case "warranties" -> warranty(check, accountExists, seen, warranties);
                case "tickets" -> {
                    String id = check.id("id");
                    String account = check.account("account_id", accountExists);
                    String subject = check.required("subject", 300);
                    String status = check.oneOf("status", TICKET_STATUSES, "open");
                    Instant created = check.instant("created_at");
                    if (check.ok() && unique(row, id, seen)) {
                        tickets.add(new ImportBatch.TicketRow(id, account, check.optional("contact_id", 64), subject,
                                check.optional("description", 4000), status, created));
                    }
                }
                default -> errors.add(new ImportError(row.source(), row.line(), "unknown kind " + row.kind()));
            }
        }
        return new ImportBatch(accounts, contacts, contracts, warranties, tickets);
    }

    private void contract(RowCheck check, Function<String, Boolean> accountExists, Map<String, RawRow> seen,
                          List<ImportBatch.ContractRow> contracts) {
        String number = check.required("contract_number", 64);
        String account = check.account("account_id", accountExists);
        String scope = check.required("product_scope", 1000);
        LocalDate start = check.date("start_date", true);
        LocalDate end = check.date("end_date", true);
        if (start != null && end != null && end.isBefore(start)) check.error("end_date " + end + " is before start_date " + start);
        SlaTier tier = null;
        String tierText = check.required("sla_tier", 16);
        if (tierText != null) {
            tier = SlaTier.parse(tierText).orElse(null);
            if (tier == null) check.error("sla_tier \"" + tierText + "\" is not one of Standard, Silver, Gold, Platinum");
        }
        Integer first = check.positiveInt("first_response_minutes");
        Integer resolution = check.positiveInt("resolution_minutes");
        Boolean roundTheClock = check.bool("sla_24x7");
        String price = check.oneOf("price_tier", PRICE_TIERS, null);
        String terms = check.required("warranty_terms", 2000);
        Boolean dedicated = check.bool("dedicated_support");
        String documentId = check.optional("document_id", 300);
        if (documentId != null && account != null) checkDocument(check, documentId, account);
        Map<String, Integer> extensions = check.extensions("warranty_extensions");
        if (tier != null) {
            int f = first != null ? first : tier.firstResponseMinutes();
            int r = resolution != null ? resolution : tier.resolutionMinutes();
            if (r < f) check.error("resolution_minutes " + r + " is less than first_response_minutes " + f);
            if (check.ok() && unique(check.row, number, seen)) {
                contracts.add(new ImportBatch.ContractRow(number, account, scope, start, end, tier.label(), f, r,
                        roundTheClock != null ? roundTheClock : tier.roundTheClock(), price, terms,
                        dedicated != null && dedicated, check.optional("dedicated_support_note", 500), documentId, extensions));
            }
        }
    }

    private void warranty(RowCheck check, Function<String, Boolean> accountExists, Map<String, RawRow> seen,
                          List<ImportBatch.WarrantyRow> warranties) {
        String raw = check.required("serial_or_order", 64);
        String key = raw == null ? null : raw.replace(" ", "").toUpperCase(Locale.ROOT);
        if (key != null && !SERIAL_OR_ORDER.matcher(key).matches()) {
            check.error("serial_or_order \"" + raw + "\" is not a serial (MH-RO200-25031234) or an order number (MH2611230457)");
        }
        String product = check.required("product", 32);
        if (product != null && !WarrantyPolicy.knownProduct(product.toUpperCase(Locale.ROOT))) {
            check.error("product \"" + product + "\" is not a known SKU");
        }
        LocalDate purchase = check.date("purchase_date", false);
        if (purchase != null && purchase.isAfter(today)) check.error("purchase_date " + purchase + " is in the future");
        if (purchase == null && key != null && WarrantyPolicy.start(key, null).isEmpty()) {
            check.error("purchase_date is required when serial_or_order carries no manufacturing month");
        }
        String owner = check.required("owner", 64);
        String account = null;
        if (owner != null && !owner.equals("consumer")) {
            if (!accountExists.apply(owner)) check.error("owner \"" + owner + "\" is neither \"consumer\" nor a known account id");
            account = owner;
        }
        if (check.ok() && unique(check.row, key, seen)) {
            warranties.add(new ImportBatch.WarrantyRow(key, product.toUpperCase(Locale.ROOT), purchase, account,
                    check.optional("consumer_name", 200)));
        }
    }

    /**
     * A contract document must be a file of the knowledge folder whose front matter gives it the
     * audience of this contract's account only; anything else would show it to other readers.
     */
    private void checkDocument(RowCheck check, String documentId, String account) {
        if (documentId.contains("..") || documentId.startsWith("/") || documentId.contains("\\")) {
            check.error("document_id \"" + documentId + "\" must be a path relative to the knowledge folder");
            return;
        }
        if (knowledgeDir == null) return;
        Path file = knowledgeDir.resolve(documentId).normalize();
        if (!file.startsWith(knowledgeDir) || !Files.isRegularFile(file)) {
            check.error("document_id \"" + documentId + "\" is not a file in the knowledge folder");
            return;
        }
        String audience = frontMatterAudience(file);
        if (!("account:" + account).equals(audience)) {
            check.error("document_id \"" + documentId + "\" has audience \"" + audience + "\"; a contract document needs audience: account:" + account);
        }
    }

    private static String frontMatterAudience(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) return "public";
            for (int i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
                String l = lines.get(i).strip();
                if (l.startsWith("audience:")) return l.substring("audience:".length()).strip().replace("\"", "");
            }
            return "public";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private boolean unique(RawRow row, String key, Map<String, RawRow> seen) {
        RawRow first = seen.putIfAbsent(row.kind() + "\u0000" + key, row);
        if (first == null) return true;
        errors.add(new ImportError(row.source(), row.line(), row.kind() + " \"" + key + "\" appears twice (first at "
                + first.source() + " line " + first.line() + ")"));
        return false;
    }

    /** Field checks for one row; each problem adds one error that names the field. */
    private final class RowCheck {
        final RawRow row;
        private int problems;

        RowCheck(RawRow row) {
            this.row = row;
        }

        boolean ok() {
            return problems == 0;
        }

        void error(String message) {
            problems++;
            errors.add(new ImportError(row.source(), row.line(), row.kind() + ": " + message));
        }

        String required(String field, int max) {
            String v = row.get(field);
            if (v == null) {
                error(field + " is required");
                return null;
            }
            if (v.length() > max) {
                error(field + " is longer than " + max + " characters");
                return null;
            }
            return v;
        }

        String optional(String field, int max) {
            String v = row.get(field);
            if (v != null && v.length() > max) {
                error(field + " is longer than " + max + " characters");
                return null;
            }
            return v;
        }

        String id(String field) {
            String v = required(field, 64);
            if (v != null && !ID.matcher(v).matches()) {
                error(field + " \"" + v + "\" may only hold letters, digits, '.', '_' and '-'");
                return null;
            }
            return v;
        }

        String account(String field, Function<String, Boolean> exists) {
            String v = id(field);
            if (v != null && !exists.apply(v)) {
                error(field + " \"" + v + "\" is not a known account (neither in this import nor in the database)");
                return null;
            }
            return v;
        }

        String email(String field) {
            String v = optional(field, 200);
            if (v != null && !EMAIL.matcher(v).matches()) {
                error(field + " \"" + v + "\" is not an email address");
                return null;
            }
            return v;
        }

        LocalDate date(String field, boolean isRequired) {
            String v = isRequired ? required(field, 10) : optional(field, 32);
            if (v == null) return null;
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                error(field + " \"" + v + "\" is not a date; expected YYYY-MM-DD");
                return null;
            }
        }

        Instant instant(String field) {
            String v = optional(field, 40);
            if (v == null) return null;
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                error(field + " \"" + v + "\" is not a timestamp; expected e.g. 2026-03-02T09:30:00Z");
                return null;
            }
        }

        Integer positiveInt(String field) {
            String v = optional(field, 10);
            if (v == null) return null;
            try {
                int n = Integer.parseInt(v);
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            error(field + " \"" + v + "\" must be a whole number of minutes above 0");
            return null;
        }

        Boolean bool(String field) {
            String v = optional(field, 5);
            if (v == null) return null;
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    error(field + " \"" + v + "\" must be true or false");
                    yield null;
                }
            };
        }

        String oneOf(String field, Set<String> allowed, String fallback) {
            String v = fallback == null ? required(field, 16) : optional(field, 16);
            if (v == null) return fallback;
            String normalized = allowed.contains(v.toUpperCase(Locale.ROOT)) ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
            if (!allowed.contains(normalized)) {
                error(field + " \"" + v + "\" must be one of " + allowed);
                return null;
            }
            return normalized;
        }

        /** "water_purifier:12;air_fryer:6"; all_appliances expands to every extensible category. */
        Map<String, Integer> extensions(String field) {
            Map<String, Integer> result = new LinkedHashMap<>();
            String v = optional(field, 500);
            if (v == null) return result;
            for (String part : v.split("[;,]")) {
                if (part.isBlank()) continue;
                String[] kv = part.split("[:=]");
                String category = kv[0].strip().toLowerCase(Locale.ROOT);
                int months;
                try {
                    months = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : -1;
                } catch (NumberFormatException e) {
                    months = -1;
                }
                if (months < 1 || months > 120) {
                    error(field + ": \"" + part.strip() + "\" needs a number of months 1..120, e.g. water_purifier:12");
                    continue;
                }
                if (category.equals(WarrantyPolicy.ALL_APPLIANCES)) {
                    for (String c : WarrantyPolicy.EXTENSIBLE) result.put(c, months);
                } else if (WarrantyPolicy.EXTENSIBLE.contains(category)) {
                    result.put(category, months);
                } else {
                    error(field + ": unknown category \"" + category + "\"; use " + WarrantyPolicy.EXTENSIBLE + " or all_appliances");
                }
            }
            return result;
        }
    }
}
