package dev.tandem.kb.index;

/**
 * Every field of the index, in one place. Chunk documents carry all of them; one "file" record per
 * source file carries {@link #KIND}, {@link #DOC_PATH}, {@link #CONTENT_HASH} and {@link #CHUNKS}
 * for incremental indexing.
 */
public enum IndexField {
    /** "chunk" or "file": lets health counts and incremental indexing tell records apart. */
    KIND("kind"),
    /** Stable chunk id, stored for citations (no query looks a chunk up by id). */
    CHUNK_ID("chunk_id"),
    /** Path relative to the corpus; a keyword, the delete/update term for one file's records. */
    DOC_PATH("doc_path"),
    /** Hash of the file (and its sidecar), stored only; compared on the next run to skip unchanged files. */
    CONTENT_HASH("content_hash"),
    /** Number of chunks of a file, on the file record. */
    CHUNKS("chunks"),
    /** public, b2b or account:&lt;id&gt;; a keyword, filtered inside every query. */
    AUDIENCE("audience"),
    LANG("lang"),
    DOC_TYPE("doc_type"),
    PRODUCT("product"),
    URL("url"),
    ORDINAL("ordinal"),
    /** Document title: stored, analyzed folded, boosted. */
    TITLE("title"),
    /** Headings above the chunk joined with " › ": stored, analyzed folded, boosted. */
    HEADING_PATH("heading_path"),
    /** Chunk body: stored (snippets highlight it), analyzed folded; the main matching field. */
    TEXT("text"),
    /** The words of title, headings and body that carry marks, marks kept: rewards exact marks ("bán" vs "bạn"). */
    EXACT("exact"),
    /** Title, headings and body as folded word pairs: rewards multi-syllable words. */
    BIGRAMS("bigrams"),
    /**
     * English stems of the words of title, headings and body, only where the stem differs from the
     * folded word (a stem equal to its word is already a folded term of title, headings or body).
     */
    STEMMED("stemmed"),
    /** Product codes and clause numbers kept whole. */
    CODES("codes");

    private final String fieldName;

    IndexField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The Lucene field name. */
    public String fieldName() {
        return fieldName;
    }
}
