package dev.tandem.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the scratch directories that evaluations, warm-ups and tests work in. */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    /** Deletes {@code root} when the JVM exits (for a directory that lives as long as the process). */
    public static Path deleteOnExit(Path root) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                delete(root);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("could not delete " + root + ": " + e.getMessage());
            }
        }, "delete-" + root.getFileName()));
        return root;
    }
}
