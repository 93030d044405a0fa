package dev.tandem.server.accounts;

import dev.tandem.server.cli.ImportCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {

    @TempDir
    Path dataDir;

    private Map<String, String> env() {
        return Map.of("TANDEM_DATA_DIR", dataDir.toString(),
                "TANDEM_KNOWLEDGE_DIR", AccountFixtures.knowledgeDir().toString());
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var oldOut = System.out;
        var oldErr = System.err;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ImportCommand(this::env)).execute(args);
            return new Run(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private long accounts() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("tandem"), "sa", "");
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void imports_the_demo_bundle_then_updates_it_on_a_second_run() throws Exception {
        Run first = run("--file", AccountFixtures.demoAccountsFile().toString());
        Run second = run("--file", AccountFixtures.demoAccountsFile().toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("accounts: 4 new, 0 updated").contains("warranties: 20 new");
        assertThat(second.out()).contains("accounts: 0 new, 4 updated");
        assertThat(accounts()).isEqualTo(4);
    }

    @Test
    void a_bad_csv_prints_each_error_with_its_line_and_exits_1() throws Exception {
        Path csv = dataDir.resolve("contacts.csv");
        Files.writeString(csv, "id,account_id,name\nc-1,acc-nowhere,An\nc-2,,Bình\n");

        Run result = run("--file", csv.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("contacts.csv line 2: contacts: account_id \"acc-nowhere\" is not a known account")
                .contains("contacts.csv line 3: contacts: account_id is required")
                .contains("2 error(s); nothing was imported");
    }

    @Test
    void help_explains_the_command() {
        var usage = new StringWriter();
        new CommandLine(new ImportCommand(this::env)).usage(new PrintWriter(usage));

        assertThat(usage.toString()).contains("--file").contains("--kind").contains("bad row");
    }
}
