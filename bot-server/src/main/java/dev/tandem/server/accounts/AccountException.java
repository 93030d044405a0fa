package dev.tandem.server.accounts;

/** A request about account data that cannot be served, with a stable code for the caller to map. */
public final class AccountException extends RuntimeException {

    /** The caller is anonymous and the action needs a verified B2B identity. */
    public static final String ACCOUNT_REQUIRED = "account_required";
    /** The conversation named does not belong to the caller's account. */
    public static final String NOT_YOURS = "not_your_conversation";
    /** A field is missing or too long. */
    public static final String INVALID = "invalid_request";

    private final String code;

    public AccountException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
