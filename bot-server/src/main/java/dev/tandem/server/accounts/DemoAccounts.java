package dev.tandem.server.accounts;

import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.accounts.importing.ImportSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Zero-config demo: when no account exists yet, imports {@code accounts/accounts.json} found next to
 * the knowledge folder ({@code demo/accounts/} beside {@code demo/knowledge/}) through the same
 * importer as {@code ./tandem import}. A database that already holds accounts is never touched.
 */
public final class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private DemoAccounts() {}

    public static Path fileBeside(Path knowledgeDir) {
        return knowledgeDir.toAbsolutePath().normalize().resolveSibling("accounts").resolve("accounts.json");
    }

    public static void loadIfEmpty(AccountImporter importer, Path knowledgeDir) {
        Path file = fileBeside(knowledgeDir);
        if (!Files.isRegularFile(file) || !importer.isEmpty()) return;
        try {
            var report = importer.importAll(List.of(ImportSource.of(file, null)));
            log.info("demo accounts loaded from {}: {}", file, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo accounts " + file, e);
        }
    }
}
