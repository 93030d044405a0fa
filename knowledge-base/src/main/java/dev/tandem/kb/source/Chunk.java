package dev.tandem.kb.source;

/**
 * A piece of a document small enough to cite and to score.
 *
 * @param id          stable id: a hash of document path, heading path and ordinal
 * @param headingPath headings above the chunk joined with " › "
 * @param ordinal     position among the chunks with the same heading path in the document
 */
public record Chunk(String id, String headingPath, int ordinal, String text) {}
