package dev.tandem.server.accounts;

import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.accounts.importing.ImportError;
import dev.tandem.server.accounts.importing.ImportRejected;
import dev.tandem.server.accounts.importing.ImportSource;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccountImporterTest {

    private Database db;
    private AccountImporter importer;

    @BeforeEach
    void open() {
        db = AccountFixtures.emptyDatabase();
        importer = AccountFixtures.importer(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ImportSource file(String name, String text) {
        return new ImportSource(name, null, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String demoJson() throws Exception {
        return Files.readString(AccountFixtures.demoAccountsFile());
    }

    private long count(String table) throws Exception {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT COUNT(*) FROM " + table);
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void the_demo_bundle_imports_every_row() throws Exception {
        // when
        var report = importer.importAll(List.of(file("accounts.json", demoJson())));

        // then
        assertThat(report.inserted("accounts")).isEqualTo(4);
        assertThat(report.inserted("contacts")).isEqualTo(4);
        assertThat(report.inserted("contracts")).isEqualTo(4);
        assertThat(report.inserted("warranties")).isEqualTo(20);
        assertThat(report.inserted("tickets")).isEqualTo(4);
        assertThat(count("contract_warranty_extensions")).isEqualTo(1 + 1 + 5);
        assertThat(importer.isEmpty()).isFalse();
    }

    @Test
    void a_reimport_updates_rows_without_duplicating_them() throws Exception {
        // given
        importer.importAll(List.of(file("accounts.json", demoJson())));

        // when the account manager and an extension change
        String changed = demoJson().replace("\"Trần Thu Hà\"", "\"Trần Thu Hà (mới)\"")
                .replace("{ \"water_purifier\": 12 }", "{ \"water_purifier\": 6 }");
        var report = importer.importAll(List.of(file("accounts.json", changed)));

        // then
        assertThat(report.inserted("accounts")).isZero();
        assertThat(report.updated("accounts")).isEqualTo(4);
        assertThat(report.updated("warranties")).isEqualTo(20);
        assertThat(count("accounts")).isEqualTo(4);
        assertThat(count("warranty_registrations")).isEqualTo(20);
        assertThat(count("tickets")).isEqualTo(4);
        assertThat(count("contract_warranty_extensions")).isEqualTo(7);
        var accounts = new JdbcAccountService(db.dataSource(), AccountFixtures.CLOCK);
        var pn = new Identity("acc-phuongnam", "c-pn-001", null);
        assertThat(accounts.summary(pn).orElseThrow().accountManager()).isEqualTo("Trần Thu Hà (mới)");
        assertThat(accounts.warranty(pn, "MH-RO100-25040311").orElseThrow().basis()).contains("+6 months");
    }

    @Test
    void bad_rows_are_reported_with_their_lines_and_nothing_is_imported() throws Exception {
        // given: a good account, then bad rows on known lines
        String json = """
                {
                  "accounts": [
                    { "id": "acc-good", "company": "Good Co" },
                    { "id": "acc bad!", "company": "" }
                  ],
                  "contacts": [
                    { "id": "c-1", "account_id": "acc-missing", "name": "X" }
                  ],
                  "contracts": [
                    { "contract_number": "K-1", "account_id": "acc-good", "product_scope": "all", "start_date": "2026-02-30",
                      "end_date": "2027-01-01", "sla_tier": "Diamond", "price_tier": "A", "warranty_terms": "policy" }
                  ],
                  "warranties": [
                    { "serial_or_order": "MH-RO100-26010001", "product": "MH-XX1", "owner": "consumer" },
                    { "serial_or_order": "MH-RO100-26010001", "product": "MH-RO100", "owner": "acc-good" },
                    { "serial_or_order": "MH-RO100-26010001", "product": "MH-RO100", "owner": "acc-good" }
                  ]
                }
                """;

        // when
        var rejected = catchThrowableOfType(ImportRejected.class, () -> importer.importAll(List.of(file("bad.json", json))));

        // then
        assertThat(rejected.errors()).extracting(ImportError::line).containsExactly(4, 4, 7, 10, 10, 14, 16);
        assertThat(rejected.errors().get(0).message()).contains("id \"acc bad!\"");
        assertThat(rejected.errors().get(1).message()).contains("company is required");
        assertThat(rejected.errors().get(2).message()).contains("acc-missing").contains("not a known account");
        assertThat(rejected.errors().get(3).message()).contains("start_date \"2026-02-30\" is not a date");
        assertThat(rejected.errors().get(4).message()).contains("sla_tier \"Diamond\"");
        assertThat(rejected.errors().get(5).message()).contains("MH-XX1");
        assertThat(rejected.errors().get(6).message()).contains("appears twice (first at bad.json line 15)");
        assertThat(rejected.errors().get(0).toString()).startsWith("bad.json line 4: accounts:");
        assertThat(count("accounts")).isZero();
        assertThat(count("warranty_registrations")).isZero();
    }

    @Test
    void csv_files_import_one_kind_each_with_quoted_fields() throws Exception {
        // given
        var sources = List.of(
                file("accounts.csv", "id,company,industry,account_manager,account_manager_email\n"
                        + "acc-a,\"Alpha, Ltd\",retail,Ann,ann@example.com\r\n"
                        + "acc-b,Beta,hotel,,\n"),
                file("contacts.csv", "id,account_id,name,email\nc-a,acc-a,Anh,anh@alpha.vn\n"),
                file("contracts.csv", "contract_number,account_id,product_scope,start_date,end_date,sla_tier,price_tier,warranty_terms,warranty_extensions,dedicated_support\n"
                        + "A-1,acc-a,\"MH-RO100, MH-UF50\",2026-01-01,2026-12-31,Platinum,B,\"Policy,\n+3 months\",water_purifier:3,yes\n"),
                file("warranties.csv", "serial_or_order,product,purchase_date,owner\n"
                        + "MH-RO100-26010001,MH-RO100,2026-02-01,acc-a\n"
                        + "MH2611230001,MH-KT17,2026-11-01,consumer\n"));

        // when
        var report = importer.importAll(sources);

        // then
        assertThat(report.inserted("accounts")).isEqualTo(2);
        assertThat(report.inserted("contracts")).isEqualTo(1);
        assertThat(report.inserted("warranties")).isEqualTo(2);
        var accounts = new JdbcAccountService(db.dataSource(), AccountFixtures.CLOCK);
        var a = new Identity("acc-a", "c-a", null);
        var summary = accounts.summary(a).orElseThrow();
        assertThat(summary.company()).isEqualTo("Alpha, Ltd");
        assertThat(summary.contractsInForce().getFirst().warrantyTerms()).isEqualTo("Policy,\n+3 months");
        assertThat(summary.contractsInForce().getFirst().firstResponseMinutes()).isEqualTo(30); // Platinum default
        assertThat(accounts.warranty(a, "MH-RO100-26010001").orElseThrow().expiry()).isEqualTo(java.time.LocalDate.of(2028, 4, 30));
    }

    @Test
    void bad_csv_rows_carry_their_line_numbers() throws Exception {
        // given: line 3 has a quoted line break, so the bad rows are on lines 5 and 6
        String csv = "serial_or_order,product,purchase_date,owner,consumer_name\n"
                + "MH-KT17-26010001,MH-KT17,2026-01-05,consumer,An\n"
                + "MH-KT17-26010002,MH-KT17,2026-01-05,consumer,\"Bình\nNguyễn\"\n"
                + "MH-KT17-26010003,MH-KT17,2031-01-05,consumer,Future\n"
                + "MH-KT17-26010004,MH-KT17,2026-01-05,acc-nobody,X\n"
                + "too,few\n";

        var rejected = catchThrowableOfType(ImportRejected.class, () -> importer.importAll(List.of(file("warranties.csv", csv))));

        assertThat(rejected.errors()).extracting(ImportError::line).containsExactly(5, 6, 7);
        assertThat(rejected.errors().get(0).message()).contains("in the future");
        assertThat(rejected.errors().get(1).message()).contains("acc-nobody");
        assertThat(rejected.errors().get(2).message()).contains("expected 5 columns");
        assertThat(count("warranty_registrations")).isZero();
    }

    @Test
    void a_contract_cannot_point_at_another_accounts_document() throws Exception {
        // given
        importer.importAll(List.of(file("accounts.json", demoJson())));
        String json = """
                {"contracts": [
                  {"contract_number": "HĐ-2025-XM-007", "account_id": "acc-xanhmart", "product_scope": "x",
                   "start_date": "2025-07-01", "end_date": "2026-12-31", "sla_tier": "Silver", "price_tier": "B",
                   "warranty_terms": "x", "document_id": "contracts/acc-phuongnam/hd-2025-pn-014.md"}
                ]}""";

        var rejected = catchThrowableOfType(ImportRejected.class, () -> importer.importAll(List.of(file("k.json", json))));

        assertThat(rejected.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("audience \"account:acc-phuongnam\"").contains("account:acc-xanhmart");
        });
    }

    @Test
    void malformed_files_are_refused_whole() {
        var broken = catchThrowableOfType(ImportRejected.class,
                () -> importer.importAll(List.of(file("a.json", "{\"accounts\": [ {\"id\": \"x\",, } ]}"))));
        var unknown = catchThrowableOfType(ImportRejected.class, () -> importer.importAll(List.of(file("data.csv", "id\nx\n"))));
        var type = catchThrowableOfType(ImportRejected.class, () -> importer.importAll(List.of(file("a.xlsx", "x"))));

        assertThat(broken.errors().getFirst().message()).startsWith("malformed JSON");
        assertThat(unknown.errors().getFirst().message()).contains("cannot tell what this CSV holds");
        assertThat(type.errors().getFirst().message()).contains("unsupported file type");
    }
}
