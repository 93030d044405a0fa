package dev.tandem.server.accounts.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Validated rows, ready to write in one transaction. */
record ImportBatch(List<AccountRow> accounts, List<ContactRow> contacts, List<ContractRow> contracts,
                   List<WarrantyRow> warranties, List<TicketRow> tickets) {

    record AccountRow(String id, String company, String industry, String size, String tier,
                      String manager, String managerEmail, String managerPhone) {}

    record ContactRow(String id, String accountId, String name, String email, String phone, String role) {}

    record ContractRow(String number, String accountId, String productScope, LocalDate start, LocalDate end,
                       String slaTier, int firstResponseMinutes, int resolutionMinutes, boolean roundTheClock,
                       String priceTier, String warrantyTerms, boolean dedicatedSupport, String dedicatedSupportNote,
                       String documentId, Map<String, Integer> extensions) {}

    /** {@code accountId} null means a consumer's registration. */
    record WarrantyRow(String serialOrOrder, String product, LocalDate purchaseDate, String accountId, String consumerName) {}

    record TicketRow(String id, String accountId, String contactId, String subject, String description, String status,
                     Instant createdAt) {}
}
