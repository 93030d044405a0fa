package dev.tandem.kb;

/**
 * One retrieved chunk, ready to be cited.
 *
 * @param chunkId     stable id of the chunk (same input gives the same id)
 * @param docPath     path of the source document relative to the corpus folder, with '/' separators
 * @param title       document title
 * @param headingPath headings above the chunk, joined with " › " (may be empty)
 * @param text        the chunk text
 * @param snippet     a short highlighted excerpt for display; plain text, matches are not marked up
 * @param url         the document's source URL (front matter {@code url}), or null
 * @param lang        "vi" or "en"
 * @param audience    the document's audience: public, b2b or account:&lt;id&gt;
 * @param contentHash hash of the document's content version, for the answer audit
 * @param score       relevance score; higher is better, comparable within one query
 * @param confidence  a query-independent confidence in [0,1] that a caller can threshold
 */
public record Passage(
        String chunkId,
        String docPath,
        String title,
        String headingPath,
        String text,
        String snippet,
        String url,
        String lang,
        String audience,
        String contentHash,
        double score,
        double confidence) {}
