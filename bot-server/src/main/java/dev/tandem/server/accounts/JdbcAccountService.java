package dev.tandem.server.accounts;

import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.StoreException;
import dev.tandem.server.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AccountService} over JDBC. Authorization lives in the SQL: every query of account data is
 * bound to the caller's verified account id ({@code WHERE account_id = ?}); an anonymous caller never
 * reaches a query that returns account rows. No input string can widen what a query returns.
 */
public final class JdbcAccountService implements AccountService {

    private static final Logger log = LoggerFactory.getLogger(JdbcAccountService.class);
    private static final int MAX_KEY = 64;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAccountService(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<AccountSummary> summary(Identity who) {
        if (who == null || who.isAnonymous()) return Optional.empty();
        return query(c -> loadSummary(c, who.accountId()));
    }

    @Override
    public Optional<WarrantyStatus> warranty(Identity who, String serialOrOrderNumber) {
        String key = normalizeKey(serialOrOrderNumber);
        if (key == null) return Optional.empty();
        boolean anonymous = who == null || who.isAnonymous();
        return query(c -> {
            // consumer registrations reveal no account data; account ones only to their own account
            String sql = "SELECT serial_or_order, product, purchase_date, owner_type, account_id FROM warranty_registrations"
                    + " WHERE serial_or_order = ? AND (owner_type = 'consumer'" + (anonymous ? ")" : " OR account_id = ?)");
            try (var select = c.prepareStatement(sql)) {
                select.setString(1, key);
                if (!anonymous) select.setString(2, who.accountId());
                ResultSet rs = select.executeQuery();
                if (!rs.next()) return Optional.<WarrantyStatus>empty();
                String serial = rs.getString(1);
                String product = rs.getString(2);
                LocalDate purchase = date(rs, 3);
                String accountId = rs.getString(5);
                Optional<LocalDate> start = WarrantyPolicy.start(serial, purchase);
                if (start.isEmpty() || !WarrantyPolicy.knownProduct(product)) return Optional.<WarrantyStatus>empty();
                int extra = 0;
                String contractNumber = null;
                if (accountId != null) {
                    var extension = extension(c, accountId, WarrantyPolicy.category(product), start.get());
                    if (extension != null) {
                        contractNumber = extension.number();
                        extra = extension.months();
                    }
                }
                var coverage = WarrantyPolicy.coverage(product, start.get(), extra, contractNumber);
                boolean inWarranty = !LocalDate.now(clock).isAfter(coverage.expiry());
                return Optional.of(new WarrantyStatus(serial, product, purchase, coverage.expiry(), inWarranty, coverage.basis()));
            }
        });
    }

    @Override
    public List<Ticket> openTickets(Identity who) {
        if (who == null || who.isAnonymous()) return List.of();
        return query(c -> tickets(c, who.accountId()));
    }

    @Override
    public Optional<Ticket> ticket(Identity who, String ticketId) {
        if (who == null || who.isAnonymous()) return Optional.empty();
        String id = normalizeKey(ticketId);
        if (id == null) return Optional.empty();
        return query(c -> {
            try (var select = c.prepareStatement(TICKET_COLUMNS + " WHERE id = ? AND account_id = ?")) {
                select.setString(1, id);
                select.setString(2, who.accountId());
                ResultSet rs = select.executeQuery();
                return rs.next() ? Optional.of(ticket(rs)) : Optional.<Ticket>empty();
            }
        });
    }

    @Override
    public Ticket createTicket(Identity who, String conversationId, String subject, String description) {
        if (who == null || who.isAnonymous()) {
            throw new AccountException(AccountException.ACCOUNT_REQUIRED, "a ticket needs a signed-in B2B account");
        }
        if (subject == null || subject.isBlank()) throw new AccountException(AccountException.INVALID, "subject is required");
        String cleanSubject = clip(subject.strip(), 300);
        String cleanDescription = description == null ? null : clip(description.strip(), 4000);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return Transactions.inTransaction(dataSource, "account write failed", c -> {
            if (conversationId != null && !conversationBelongsTo(c, conversationId, who.accountId())) {
                throw new AccountException(AccountException.NOT_YOURS, "the conversation is not this account's");
            }
            if (loadAccountRow(c, who.accountId()) == null) {
                throw new AccountException(AccountException.ACCOUNT_REQUIRED, "unknown account");
            }
            SlaTerms sla = bestSla(c, who.accountId(), LocalDate.now(clock));
            String id = "TK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
            var ticket = new Ticket(id, who.accountId(), cleanSubject, "open", sla.tier().priority(),
                    SlaTier.due(now, sla.firstResponseMinutes(), sla.roundTheClock()),
                    SlaTier.due(now, sla.resolutionMinutes(), sla.roundTheClock()), conversationId);
            try (var insert = c.prepareStatement("""
                    INSERT INTO tickets (id, account_id, contact_id, conversation_id, subject, description, status, priority,
                                         first_response_due, resolution_due, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, who.accountId());
                insert.setString(3, who.contactId());
                insert.setString(4, conversationId);
                insert.setString(5, cleanSubject);
                insert.setString(6, cleanDescription);
                insert.setString(7, ticket.status());
                insert.setString(8, ticket.priority());
                insert.setTimestamp(9, Timestamp.from(ticket.firstResponseDue()));
                insert.setTimestamp(10, Timestamp.from(ticket.resolutionDue()));
                insert.setTimestamp(11, Timestamp.from(now));
                insert.setTimestamp(12, Timestamp.from(now));
                insert.executeUpdate();
            }
            log.info("ticket created id={} account={} priority={} conversation={}", id, who.accountId(), ticket.priority(), conversationId);
            return ticket;
        });
    }

    @Override
    public Optional<AccountCard> accountCard(Staff staff, String accountId) {
        if (staff == null) return Optional.empty();
        String id = normalizeAccountId(accountId);
        if (id == null) return Optional.empty();
        log.info("staff read account={} by={} role={}", id, staff.name(), staff.role());
        return query(c -> {
            AccountRow row = loadAccountRow(c, id);
            if (row == null) return Optional.<AccountCard>empty();
            AccountSummary summary = loadSummary(c, id).orElseThrow();
            List<Contact> contacts = new ArrayList<>();
            try (var select = c.prepareStatement(CONTACT_COLUMNS + " WHERE account_id = ? ORDER BY id")) {
                select.setString(1, id);
                ResultSet rs = select.executeQuery();
                while (rs.next()) contacts.add(contact(rs));
            }
            String dedicated = null;
            try (var select = c.prepareStatement("SELECT dedicated_support_note FROM contracts WHERE account_id = ? AND dedicated_support = TRUE"
                    + " AND start_date <= ? AND end_date >= ? ORDER BY end_date DESC")) {
                select.setString(1, id);
                LocalDate today = LocalDate.now(clock);
                select.setObject(2, today);
                select.setObject(3, today);
                ResultSet rs = select.executeQuery();
                if (rs.next()) dedicated = rs.getString(1) == null ? "dedicated support" : rs.getString(1);
            }
            return Optional.of(new AccountCard(summary, row.size(), row.managerPhone(), dedicated, List.copyOf(contacts), tickets(c, id)));
        });
    }

    @Override
    public Optional<Contact> contact(Staff staff, String contactId) {
        if (staff == null) return Optional.empty();
        String id = normalizeAccountId(contactId);
        if (id == null) return Optional.empty();
        return query(c -> {
            try (var select = c.prepareStatement(CONTACT_COLUMNS + " WHERE id = ?")) {
                select.setString(1, id);
                ResultSet rs = select.executeQuery();
                return rs.next() ? Optional.of(contact(rs)) : Optional.<Contact>empty();
            }
        });
    }

    // ---- reads, each bound to one account id ----

    private static final String CONTACT_COLUMNS = "SELECT id, account_id, name, email, phone, role FROM contacts";

    private static Contact contact(ResultSet rs) throws SQLException {
        return new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private record AccountRow(String id, String company, String industry, String size, String tier,
                              String manager, String managerEmail, String managerPhone) {}

    private record SlaTerms(SlaTier tier, int firstResponseMinutes, int resolutionMinutes, boolean roundTheClock) {}

    private record Extension(String number, int months) {}

    private static final String TICKET_COLUMNS = "SELECT id, account_id, subject, status, priority, first_response_due,"
            + " resolution_due, conversation_id FROM tickets";

    private AccountRow loadAccountRow(Connection c, String accountId) throws SQLException {
        try (var select = c.prepareStatement("SELECT id, company, industry, company_size, tier, account_manager,"
                + " account_manager_email, account_manager_phone FROM accounts WHERE id = ?")) {
            select.setString(1, accountId);
            ResultSet rs = select.executeQuery();
            if (!rs.next()) return null;
            return new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8));
        }
    }

    private Optional<AccountSummary> loadSummary(Connection c, String accountId) throws SQLException {
        AccountRow row = loadAccountRow(c, accountId);
        if (row == null) return Optional.empty();
        LocalDate today = LocalDate.now(clock);
        List<Contract> inForce = new ArrayList<>();
        try (var select = c.prepareStatement("""
                SELECT contract_number, product_scope, start_date, end_date, sla_tier, first_response_minutes,
                       resolution_minutes, price_tier, warranty_terms, dedicated_support, document_id
                FROM contracts WHERE account_id = ? AND start_date <= ? AND end_date >= ?""")) {
            select.setString(1, accountId);
            select.setObject(2, today);
            select.setObject(3, today);
            ResultSet rs = select.executeQuery();
            while (rs.next()) {
                inForce.add(new Contract(rs.getString(1), rs.getString(2), date(rs, 3), date(rs, 4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11)));
            }
        }
        inForce.sort(Comparator.comparing((Contract k) -> SlaTier.parse(k.slaTier()).map(SlaTier::rank).orElse(0)).reversed()
                .thenComparing(Contract::number));
        String tier = inForce.isEmpty() ? row.tier() : inForce.getFirst().slaTier();
        return Optional.of(new AccountSummary(row.id(), row.company(), row.industry(), tier, row.manager(),
                row.managerEmail(), List.copyOf(inForce)));
    }

    private SlaTerms bestSla(Connection c, String accountId, LocalDate today) throws SQLException {
        SlaTerms best = null;
        try (var select = c.prepareStatement("SELECT sla_tier, first_response_minutes, resolution_minutes, sla_24x7 FROM contracts"
                + " WHERE account_id = ? AND start_date <= ? AND end_date >= ?")) {
            select.setString(1, accountId);
            select.setObject(2, today);
            select.setObject(3, today);
            ResultSet rs = select.executeQuery();
            while (rs.next()) {
                SlaTier tier = SlaTier.parse(rs.getString(1)).orElse(SlaTier.STANDARD);
                var terms = new SlaTerms(tier, rs.getInt(2), rs.getInt(3), rs.getBoolean(4));
                if (best == null || terms.firstResponseMinutes() < best.firstResponseMinutes()) best = terms;
            }
        }
        // no contract in force: the account is served at the Standard tier
        if (best == null) best = new SlaTerms(SlaTier.STANDARD, SlaTier.STANDARD.firstResponseMinutes(),
                SlaTier.STANDARD.resolutionMinutes(), false);
        return best;
    }

    /** The extension of the account's contract in force when the warranty started, for a category. */
    private static Extension extension(Connection c, String accountId, String category, LocalDate start) throws SQLException {
        try (var select = c.prepareStatement("""
                SELECT k.contract_number, e.extra_months FROM contracts k
                JOIN contract_warranty_extensions e ON e.contract_number = k.contract_number
                WHERE k.account_id = ? AND e.category = ? AND k.start_date <= ? AND k.end_date >= ?
                ORDER BY e.extra_months DESC""")) {
            select.setString(1, accountId);
            select.setString(2, category);
            select.setObject(3, start);
            select.setObject(4, start);
            ResultSet rs = select.executeQuery();
            return rs.next() ? new Extension(rs.getString(1), rs.getInt(2)) : null;
        }
    }

    private static List<Ticket> tickets(Connection c, String accountId) throws SQLException {
        List<Ticket> open = new ArrayList<>();
        try (var select = c.prepareStatement(TICKET_COLUMNS
                + " WHERE account_id = ? AND status IN ('open', 'pending') ORDER BY resolution_due, id")) {
            select.setString(1, accountId);
            ResultSet rs = select.executeQuery();
            while (rs.next()) open.add(ticket(rs));
        }
        return List.copyOf(open);
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8));
    }

    private static boolean conversationBelongsTo(Connection c, String conversationId, String accountId) throws SQLException {
        try (var select = c.prepareStatement("SELECT account_id FROM conversations WHERE id = ?")) {
            select.setString(1, conversationId);
            ResultSet rs = select.executeQuery();
            return rs.next() && accountId.equals(rs.getString(1));
        }
    }

    // ---- helpers ----

    /** Serial and order numbers are stored upper-case without spaces; anything else matches nothing. */
    static String normalizeKey(String value) {
        if (value == null) return null;
        String v = value.strip().toUpperCase(Locale.ROOT);
        return v.isEmpty() || v.length() > MAX_KEY ? null : v;
    }

    private static String normalizeAccountId(String value) {
        if (value == null) return null;
        String v = value.strip();
        return v.matches("[A-Za-z0-9._-]{1,64}") ? v : null;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("account read failed: " + e.getMessage(), e);
        }
    }
}
