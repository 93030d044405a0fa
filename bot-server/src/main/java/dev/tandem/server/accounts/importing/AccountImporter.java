package dev.tandem.server.accounts.importing;

import dev.tandem.server.accounts.SlaTier;
import dev.tandem.server.store.StoreException;
import dev.tandem.server.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads accounts, contacts, contracts, warranty registrations and tickets from JSON or CSV. Every row
 * is validated first; one bad row refuses the whole import ({@link ImportRejected}, with every error
 * and its line). A valid import is written in one transaction, upserting by natural keys, so a
 * re-import updates rows instead of duplicating them. Used by the CLI, the admin REST API and the
 * zero-config demo start.
 */
public final class AccountImporter {

    private static final Logger log = LoggerFactory.getLogger(AccountImporter.class);

    private final DataSource dataSource;
    private final java.nio.file.Path knowledgeDir;
    private final Clock clock;

    /** @param knowledgeDir the documents the server indexes, to check contract documents; null skips the check */
    public AccountImporter(DataSource dataSource, java.nio.file.Path knowledgeDir, Clock clock) {
        this.dataSource = dataSource;
        this.knowledgeDir = knowledgeDir == null ? null : knowledgeDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Validates every file, then writes all of them in one transaction, or nothing. */
    public ImportReport importAll(List<ImportSource> sources) {
        List<ImportError> errors = new ArrayList<>();
        List<RawRow> rows = new ArrayList<>();
        for (ImportSource source : sources) RowReaders.read(source, rows, errors);
        ImportReport report = Transactions.inTransaction(dataSource, "import failed, nothing written", c -> {
            ImportBatch batch = new RowValidator(accountIds(c), knowledgeDir, LocalDate.now(clock), errors).validate(rows);
            if (!errors.isEmpty()) {
                // file order, then line order: reading and validation errors interleave as in the file
                List<String> names = sources.stream().map(ImportSource::name).toList();
                errors.sort(java.util.Comparator.comparingInt((ImportError e) -> names.indexOf(e.source()))
                        .thenComparingInt(ImportError::line));
                throw new ImportRejected(errors);
            }
            return write(c, batch);
        });
        log.info("import of {} file(s): {}", sources.size(), report);
        return report;
    }

    /** True when no account has been imported yet (the demo data loads only then). */
    public boolean isEmpty() {
        try (Connection c = dataSource.getConnection(); var s = c.prepareStatement("SELECT COUNT(*) FROM accounts")) {
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new StoreException("cannot count accounts: " + e.getMessage(), e);
        }
    }

    private static Set<String> accountIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (var s = c.prepareStatement("SELECT id FROM accounts")) {
            var rs = s.executeQuery();
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    private ImportReport write(Connection c, ImportBatch batch) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, ImportReport.Counts> counts = new LinkedHashMap<>();
        int[] n = new int[2];
        for (var a : batch.accounts()) {
            upsert(c, n, "UPDATE accounts SET company = ?, industry = ?, company_size = ?, tier = ?, account_manager = ?,"
                            + " account_manager_email = ?, account_manager_phone = ?, updated_at = ? WHERE id = ?",
                    "INSERT INTO accounts (company, industry, company_size, tier, account_manager, account_manager_email,"
                            + " account_manager_phone, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.company(), a.industry(), a.size(), a.tier(), a.manager(), a.managerEmail(), a.managerPhone(), now, a.id());
        }
        count(counts, "accounts", n);
        for (var k : batch.contacts()) {
            upsert(c, n, "UPDATE contacts SET account_id = ?, name = ?, email = ?, phone = ?, role = ?, updated_at = ? WHERE id = ?",
                    "INSERT INTO contacts (account_id, name, email, phone, role, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    k.accountId(), k.name(), k.email(), k.phone(), k.role(), now, k.id());
        }
        count(counts, "contacts", n);
        for (var k : batch.contracts()) {
            upsert(c, n, """
                            UPDATE contracts SET account_id = ?, product_scope = ?, start_date = ?, end_date = ?, sla_tier = ?,
                            first_response_minutes = ?, resolution_minutes = ?, sla_24x7 = ?, price_tier = ?, warranty_terms = ?,
                            dedicated_support = ?, dedicated_support_note = ?, document_id = ?, updated_at = ? WHERE contract_number = ?""",
                    """
                            INSERT INTO contracts (account_id, product_scope, start_date, end_date, sla_tier, first_response_minutes,
                            resolution_minutes, sla_24x7, price_tier, warranty_terms, dedicated_support, dedicated_support_note,
                            document_id, updated_at, contract_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    k.accountId(), k.productScope(), k.start(), k.end(), k.slaTier(), k.firstResponseMinutes(),
                    k.resolutionMinutes(), k.roundTheClock(), k.priceTier(), k.warrantyTerms(), k.dedicatedSupport(),
                    k.dedicatedSupportNote(), k.documentId(), now, k.number());
            try (var delete = c.prepareStatement("DELETE FROM contract_warranty_extensions WHERE contract_number = ?")) {
                delete.setString(1, k.number());
                delete.executeUpdate();
            }
            for (var e : k.extensions().entrySet()) {
                try (var insert = c.prepareStatement(
                        "INSERT INTO contract_warranty_extensions (contract_number, category, extra_months) VALUES (?, ?, ?)")) {
                    insert.setString(1, k.number());
                    insert.setString(2, e.getKey());
                    insert.setInt(3, e.getValue());
                    insert.executeUpdate();
                }
            }
        }
        count(counts, "contracts", n);
        for (var w : batch.warranties()) {
            upsert(c, n, "UPDATE warranty_registrations SET product = ?, purchase_date = ?, owner_type = ?, account_id = ?,"
                            + " consumer_name = ?, updated_at = ? WHERE serial_or_order = ?",
                    "INSERT INTO warranty_registrations (product, purchase_date, owner_type, account_id, consumer_name, updated_at,"
                            + " serial_or_order) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    w.product(), w.purchaseDate(), w.accountId() == null ? "consumer" : "account", w.accountId(),
                    w.consumerName(), now, w.serialOrOrder());
        }
        count(counts, "warranties", n);
        for (var t : batch.tickets()) writeTicket(c, n, t, now);
        count(counts, "tickets", n);
        return new ImportReport(counts);
    }

    /** A ticket's priority and due times follow its account's best SLA in force when it was opened. */
    private void writeTicket(Connection c, int[] n, ImportBatch.TicketRow t, Timestamp now) throws SQLException {
        try (var update = c.prepareStatement("UPDATE tickets SET account_id = ?, contact_id = ?, subject = ?, description = ?,"
                + " status = ?, updated_at = ? WHERE id = ?")) {
            bind(update, t.accountId(), t.contactId(), t.subject(), t.description(), t.status(), now, t.id());
            if (update.executeUpdate() > 0) {
                n[1]++;
                return;
            }
        }
        Instant created = t.createdAt() != null ? t.createdAt() : clock.instant();
        SlaTier tier = SlaTier.STANDARD;
        int first = tier.firstResponseMinutes();
        int resolution = tier.resolutionMinutes();
        boolean roundTheClock = false;
        LocalDate day = created.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
        try (var select = c.prepareStatement("SELECT sla_tier, first_response_minutes, resolution_minutes, sla_24x7 FROM contracts"
                + " WHERE account_id = ? AND start_date <= ? AND end_date >= ? ORDER BY first_response_minutes")) {
            bind(select, t.accountId(), day, day);
            var rs = select.executeQuery();
            if (rs.next()) {
                tier = SlaTier.parse(rs.getString(1)).orElse(SlaTier.STANDARD);
                first = rs.getInt(2);
                resolution = rs.getInt(3);
                roundTheClock = rs.getBoolean(4);
            }
        }
        try (var insert = c.prepareStatement("""
                INSERT INTO tickets (id, account_id, contact_id, conversation_id, subject, description, status, priority,
                                     first_response_due, resolution_due, created_at, updated_at)
                VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            bind(insert, t.id(), t.accountId(), t.contactId(), t.subject(), t.description(), t.status(), tier.priority(),
                    Timestamp.from(SlaTier.due(created, first, roundTheClock)),
                    Timestamp.from(SlaTier.due(created, resolution, roundTheClock)), Timestamp.from(created), now);
            insert.executeUpdate();
        }
        n[0]++;
    }

    /** Both statements take the same parameters, the key last: update first, insert when nothing matched. */
    private static void upsert(Connection c, int[] n, String update, String insert, Object... params) throws SQLException {
        try (var u = c.prepareStatement(update)) {
            bind(u, params);
            if (u.executeUpdate() > 0) {
                n[1]++;
                return;
            }
        }
        try (var i = c.prepareStatement(insert)) {
            bind(i, params);
            i.executeUpdate();
            n[0]++;
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
    }

    private static void count(Map<String, ImportReport.Counts> counts, String kind, int[] n) {
        if (n[0] + n[1] > 0) counts.put(kind, new ImportReport.Counts(n[0], n[1]));
        n[0] = 0;
        n[1] = 0;
    }
}
