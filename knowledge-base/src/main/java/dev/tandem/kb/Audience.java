package dev.tandem.kb;

import java.util.List;
import java.util.Objects;

/**
 * Who is asking: decides which documents a search may return. Built from the verified identity of a
 * conversation, never from question text.
 *
 * <p>Document audiences are {@code public}, {@code b2b} (any identified account) and
 * {@code account:<id>} (one account's contract).
 */
public record Audience(String accountId) {

    private static final Audience PUBLIC = new Audience(null);

    public Audience {
        if (accountId != null && (accountId.isBlank() || accountId.contains(":"))) {
            throw new IllegalArgumentException("bad account id: " + accountId);
        }
    }

    /** An anonymous visitor: public documents only. */
    public static Audience anonymous() {
        return PUBLIC;
    }

    /** An identified B2B contact of one account: public, b2b and that account's documents. */
    public static Audience account(String accountId) {
        return new Audience(Objects.requireNonNull(accountId, "accountId"));
    }

    /**
     * Parses the evaluation-file form: {@code public}, {@code b2b} (an identified contact of no
     * particular account) or {@code account:<id>}.
     */
    public static Audience parse(String value) {
        if (value == null || value.isBlank() || value.equals("public")) return PUBLIC;
        if (value.equals("b2b")) return new Audience("*");
        if (value.startsWith("account:")) return account(value.substring("account:".length()));
        throw new IllegalArgumentException("unknown audience: " + value);
    }

    public boolean identified() {
        return accountId != null;
    }

    /** The document audience values this reader may see, as stored in the index. */
    public List<String> visibleAudiences() {
        if (accountId == null) return List.of("public");
        if (accountId.equals("*")) return List.of("public", "b2b");
        return List.of("public", "b2b", "account:" + accountId);
    }
}
