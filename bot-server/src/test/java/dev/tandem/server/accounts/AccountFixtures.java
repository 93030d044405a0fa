package dev.tandem.server.accounts;

import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.accounts.importing.ImportSource;
import dev.tandem.server.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** An in-memory database with the real migrations, and the demo accounts loaded through the importer. */
public final class AccountFixtures {

    /** Monday 2026-11-23 09:00 in Vietnam: inside business hours, every demo contract in force. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);

    private AccountFixtures() {}

    public static Path demoDir() {
        return Path.of("..", "demo").toAbsolutePath().normalize();
    }

    public static Path knowledgeDir() {
        return demoDir().resolve("knowledge");
    }

    public static Path demoAccountsFile() {
        return demoDir().resolve("accounts").resolve("accounts.json");
    }

    /** A fresh, migrated, empty database. */
    public static Database emptyDatabase() {
        return Database.open("jdbc:h2:mem:acc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    public static AccountImporter importer(Database db) {
        return new AccountImporter(db.dataSource(), knowledgeDir(), CLOCK);
    }

    public static Database demoDatabase() {
        Database db = emptyDatabase();
        try {
            importer(db).importAll(List.of(ImportSource.of(demoAccountsFile(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return db;
    }
}
