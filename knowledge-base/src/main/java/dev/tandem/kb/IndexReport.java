package dev.tandem.kb;

import java.time.Duration;
import java.util.List;

/** What one indexing run did. {@code skipped} holds "path: reason" lines for unreadable files. */
public record IndexReport(
        int documents, int added, int updated, int removed, int unchanged, int chunks,
        List<String> skipped, Duration took) {}
