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
 * @param confidence  how well this passage covers the question, in [0,1], comparable across questions
 *                    (unlike {@code score}): the rarity-weighted share of the question's topic words
 *                    (question words such as "how", "bao nhiêu" ignored) found in the passage's title,
 *                    headings and text, blended with the same share for adjacent word pairs. On the
 *                    development set, 0.3 keeps about 97% of answerable questions and refuses about 60%
 *                    of unanswerable ones; 0.6 and above usually means the passage is about what was asked
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
