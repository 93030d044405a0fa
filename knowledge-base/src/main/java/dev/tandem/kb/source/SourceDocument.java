package dev.tandem.kb.source;

import java.util.List;

/**
 * One loaded file: its corpus-relative path ('/' separators), resolved metadata (title, lang and
 * audience always set) and its text in sections.
 */
public record SourceDocument(String path, DocMetadata metadata, List<Section> sections) {

    public SourceDocument {
        sections = List.copyOf(sections);
    }

    /** All section text, for language detection. */
    public String fullText() {
        StringBuilder text = new StringBuilder();
        for (Section section : sections) text.append(section.text()).append('\n');
        return text.toString();
    }
}
