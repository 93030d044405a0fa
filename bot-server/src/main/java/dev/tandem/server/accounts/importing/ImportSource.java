package dev.tandem.server.accounts.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One file to import. JSON holds a bundle ({@code accounts}, {@code contacts}, {@code contracts},
 * {@code warranties}, {@code tickets}); a CSV file holds one kind, named by {@code kind} or by its file
 * name ({@code contracts.csv}).
 *
 * @param name    the file name, used in error messages and to tell JSON from CSV
 * @param kind    for CSV: accounts, contacts, contracts, warranties or tickets; null to infer from the name
 * @param content the bytes, UTF-8
 */
public record ImportSource(String name, String kind, byte[] content) {

    public static ImportSource of(Path file, String kind) throws IOException {
        return new ImportSource(file.getFileName().toString(), kind, Files.readAllBytes(file));
    }

    public boolean isJson() {
        return name.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public boolean isCsv() {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
