package dev.tandem.server.cli;

import dev.tandem.server.ServerConfig;
import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.accounts.importing.ImportRejected;
import dev.tandem.server.accounts.importing.ImportSource;
import dev.tandem.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./tandem import --file F}: loads accounts, contacts, contracts, warranties and tickets into the database. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import B2B accounts, contacts, contracts, warranty registrations and tickets from JSON or CSV.",
                "All files are validated first; any bad row refuses the whole import (nothing is written).",
                "Re-importing updates rows by their keys (account id, contact id, contract number, serial/order number, ticket id).",
                "The server must not be running on the same H2 data dir; use POST /api/admin/import then."})
public final class ImportCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "A .json bundle (demo/accounts/accounts.json) or a .csv file of one kind; repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND",
            description = "For CSV: accounts, contacts, contracts, warranties or tickets (default: from the file name).")
    String kind;

    private final java.util.function.Supplier<Map<String, String>> environment;

    public ImportCommand() {
        this(ServeCommand::environment);
    }

    /** For tests: configuration from the given TANDEM_* keys instead of the process environment. */
    public ImportCommand(java.util.function.Supplier<Map<String, String>> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnv(environment.get());
        } catch (IllegalArgumentException e) {
            System.err.println("tandem: " + e.getMessage());
            return 2;
        }
        List<ImportSource> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(ImportSource.of(file, kind));
            } catch (IOException e) {
                System.err.println("tandem import: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        try (Database database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())) {
            var report = new AccountImporter(database.dataSource(), config.knowledgeDir(), Clock.systemUTC()).importAll(sources);
            System.out.println("imported: " + report);
            return 0;
        } catch (ImportRejected e) {
            e.errors().forEach(error -> System.err.println(error));
            System.err.println("tandem import: " + e.errors().size() + " error(s); nothing was imported");
            return 1;
        } catch (RuntimeException e) {
            System.err.println("tandem import: " + e.getMessage());
            return 1;
        }
    }
}
