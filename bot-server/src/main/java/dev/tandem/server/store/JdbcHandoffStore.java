package dev.tandem.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.escalation.Handoff;
import dev.tandem.server.escalation.HandoffStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link HandoffStore} over JDBC; the account card is kept as a JSON snapshot. */
public final class JdbcHandoffStore implements HandoffStore {

    private static final String COLUMNS = "conversation_id, reason, account_id, contact_id, assignee, assignee_email, "
            + "sla_tier, created_at, first_response_due, resolution_due, account_card";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public JdbcHandoffStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public void save(Handoff h) {
        Transactions.inTransaction(dataSource, "saving handoff", c -> {
            try (var delete = c.prepareStatement("DELETE FROM handoffs WHERE conversation_id = ?");
                 var insert = c.prepareStatement("INSERT INTO handoffs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, h.conversationId());
                delete.executeUpdate();
                insert.setString(1, h.conversationId());
                insert.setString(2, h.reason());
                insert.setString(3, h.accountId());
                insert.setString(4, h.contactId());
                insert.setString(5, h.assignee());
                insert.setString(6, h.assigneeEmail());
                insert.setString(7, h.slaTier());
                insert.setTimestamp(8, Timestamp.from(h.createdAt()));
                insert.setTimestamp(9, Timestamp.from(h.firstResponseDue()));
                insert.setTimestamp(10, Timestamp.from(h.resolutionDue()));
                insert.setString(11, h.account() == null ? null : json.writeValueAsString(h.account()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Handoff> find(String conversationId) {
        List<Handoff> found = query("SELECT " + COLUMNS + " FROM handoffs WHERE conversation_id = ?", conversationId);
        return found.stream().findFirst();
    }

    @Override
    public List<Handoff> waitingQueue() {
        return query("SELECT " + COLUMNS + " FROM handoffs WHERE closed_at IS NULL ORDER BY first_response_due, created_at");
    }

    private List<Handoff> query(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); var select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) select.setString(i + 1, args[i]);
            ResultSet rs = select.executeQuery();
            List<Handoff> result = new ArrayList<>();
            while (rs.next()) result.add(read(rs));
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading handoffs: " + Database.rootMessage(e), e);
        }
    }

    private Handoff read(ResultSet rs) throws SQLException {
        String card = rs.getString(11);
        AccountService.AccountSummary account;
        try {
            account = card == null ? null : json.readValue(card, AccountService.AccountSummary.class);
        } catch (Exception e) {
            throw new SQLException("unreadable account card", e);
        }
        return new Handoff(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(), account);
    }
}
