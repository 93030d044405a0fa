package dev.tandem.kb.source;

import java.util.List;

/** A run of text under one heading path (a PDF page uses its page label as the heading). */
public record Section(List<String> headings, String text) {

    public Section {
        headings = List.copyOf(headings);
    }

    /** Headings joined with " › ", as shown in citations; empty when there are none. */
    public String headingPath() {
        return String.join(" › ", headings);
    }
}
