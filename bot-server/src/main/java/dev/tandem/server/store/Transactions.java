package dev.tandem.server.store;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * One JDBC transaction on a pooled connection, for the stores that write outside the group commit
 * (accounts, their import, handoffs): commit when the work returns, roll back when it throws.
 */
public final class Transactions {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws Exception;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} in a transaction of its own and commits it. When the work throws, the
     * transaction is rolled back: an unchecked exception (a validation the work raised on purpose, a
     * {@link StoreException}) is rethrown as it is, a checked one (SQL, I/O, JSON) as a
     * {@link StoreException} whose message starts with {@code what}. A connection the database itself
     * broke (I/O error, full disk, closed database) is evicted from the pool rather than reused.
     */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                if (GroupCommit.isBroken(e)) {
                    GroupCommit.renewConnections(dataSource, c);
                } else {
                    c.rollback();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(what + ": " + Database.rootMessage(e), e);
        }
    }
}
