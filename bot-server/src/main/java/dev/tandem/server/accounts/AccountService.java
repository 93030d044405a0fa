package dev.tandem.server.accounts;

import dev.tandem.server.chat.Identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every read and write of account data goes through here, with the identity of the conversation
 * (verified at the edge), never with an account id taken from message text or model arguments.
 * An anonymous identity sees no account data; an identity sees only its own account's.
 *
 * <p>API CONTRACT: the agent tools, the REST API and the console are written against this.
 */
public interface AccountService {

    /** The caller's own account: contracts in force, SLA tier, account manager. Empty when anonymous. */
    Optional<AccountSummary> summary(Identity who);

    /**
     * Warranty status of a serial number or order number the caller owns: a consumer's registration
     * (anonymous callers may look up consumer-owned serials, which reveal no account data) or one of
     * the caller's own account's registrations. Empty when unknown or not the caller's.
     */
    Optional<WarrantyStatus> warranty(Identity who, String serialOrOrderNumber);

    /** The caller's account's open tickets; empty when anonymous. */
    List<Ticket> openTickets(Identity who);

    /** Opens a ticket for the caller's account, linked to the conversation; priority from the SLA. */
    Ticket createTicket(Identity who, String conversationId, String subject, String description);

    /**
     * One of the caller's account's tickets by its id; empty when anonymous, unknown, or another
     * account's (indistinguishable on purpose).
     */
    default Optional<Ticket> ticket(Identity who, String ticketId) {
        return Optional.empty();
    }

    /**
     * The staff view of any account (admin REST API, agent console): the account card. Only code
     * that has authenticated a staff member (admin token, console session) calls this and names them.
     */
    default Optional<AccountCard> accountCard(Staff staff, String accountId) {
        return Optional.empty();
    }

    /**
     * A contact person by id, for staff (and for the demo token issuer, which runs only with the
     * built-in demo secret). Empty when unknown.
     */
    default Optional<Contact> contact(Staff staff, String contactId) {
        return Optional.empty();
    }

    /** An authenticated staff member, for the audit log of staff reads. */
    record Staff(String name, String role) {}

    /** What an agent sees about an account: its summary, contacts, dedicated support and open tickets. */
    record AccountCard(AccountSummary summary, String size, String accountManagerPhone, String dedicatedSupport,
                       List<Contact> contacts, List<Ticket> openTickets) {}

    /** A contact person of an account. */
    record Contact(String id, String accountId, String name, String email, String phone, String role) {}

    /** A B2B account as the agent and console see it. */
    record AccountSummary(String accountId, String company, String industry, String tier,
                          String accountManager, String accountManagerEmail, List<Contract> contractsInForce) {}

    /** A contract's key terms. {@code documentId} is the contract's doc path in the knowledge base. */
    record Contract(String number, String productScope, LocalDate start, LocalDate end, String slaTier,
                    int firstResponseMinutes, int resolutionMinutes, String priceTier,
                    String warrantyTerms, boolean dedicatedSupport, String documentId) {}

    /** Warranty of one registered product. */
    record WarrantyStatus(String serialOrOrder, String product, LocalDate purchaseDate, LocalDate expiry,
                          boolean inWarranty, String basis) {}

    /** A support ticket. */
    record Ticket(String id, String accountId, String subject, String status, String priority,
                  Instant firstResponseDue, Instant resolutionDue, String conversationId) {}
}
