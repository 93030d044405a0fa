package dev.tandem.server.chat;

/**
 * Who is on the other side of a conversation, as established by the server: anonymous unless a
 * verified identity token named an account. Never taken from message text.
 */
public record Identity(String accountId, String contactId, String name) {

    private static final Identity ANONYMOUS = new Identity(null, null, null);

    public static Identity anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return accountId == null;
    }
}
