package dev.tandem.kb.search;

import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What a search reads from a chunk whatever the question: its stored fields, decoded, the words of
 * its title, headings and body, and the body's sentences. A segment of the index never changes once
 * written (deletions only hide documents; stored fields and doc values stay as they were), so these
 * are kept per segment core and document: every question that finds a chunk again skips the
 * stored-field decompression and the segmentation. Nothing here depends on a question; a refresh
 * that replaces a segment gives its chunks a new key, so an entry is never stale.
 *
 * <p>Bounded: one slot per (top-level) document number modulo {@link #SLOTS}, so a corpus of up to
 * that many chunks is held whole and a larger one keeps the last chunk read in each slot. Also holds
 * each segment's document paths, read once from doc values (the per-document cap of a search looks
 * at every candidate's path). Thread-safe.
 */
final class ChunkCache {

    /** Slots (a power of two); {@code -Dtandem.kb.chunkCache=0} turns the cache off. */
    static final int SLOTS = Integer.highestOneBit(Math.max(0, Integer.getInteger("tandem.kb.chunkCache", 4096)));

    /**
     * One chunk as a search reads it; the word lists and sentences are never changed after
     * construction. {@link #index} is made on the chunk's second read (see {@link WordIndex}).
     */
    static final class Chunk {
        final String chunkId, docPath, title, headingPath, text, url, lang, audience, contentHash;
        /** Title, headings and body: the parts a {@link WordIndex} position points into. */
        final List<List<Word>> parts;
        final List<int[]> sentences;
        private volatile WordIndex index;

        Chunk(String chunkId, String docPath, String title, String headingPath, String text, String url, String lang,
              String audience, String contentHash, List<Word> titleWords, List<Word> headingWords, List<Word> bodyWords,
              List<int[]> sentences) {
            this.chunkId = chunkId;
            this.docPath = docPath;
            this.title = title;
            this.headingPath = headingPath;
            this.text = text;
            this.url = url;
            this.lang = lang;
            this.audience = audience;
            this.contentHash = contentHash;
            this.parts = List.of(titleWords, headingWords, bodyWords);
            this.sentences = sentences;
        }

        List<Word> bodyWords() {
            return parts.get(BODY);
        }

        /** Where each word stands, or null until the chunk is read a second time. */
        WordIndex index() {
            return index;
        }

        /** A chunk found again: worth its word index (a chunk read once costs a plain scan, as before). */
        private void indexOnReuse() {
            if (index == null) index = WordIndex.of(parts);
        }

        static Chunk of(Document doc) {
            String title = doc.get(IndexField.TITLE.fieldName());
            String headingPath = doc.get(IndexField.HEADING_PATH.fieldName());
            String text = doc.get(IndexField.TEXT.fieldName());
            return new Chunk(
                    doc.get(IndexField.CHUNK_ID.fieldName()),
                    doc.get(IndexField.DOC_PATH.fieldName()),
                    title,
                    headingPath,
                    text,
                    doc.get(IndexField.URL.fieldName()),
                    doc.get(IndexField.LANG.fieldName()),
                    doc.get(IndexField.AUDIENCE.fieldName()),
                    doc.get(IndexField.CONTENT_HASH.fieldName()),
                    Words.of(title == null ? "" : title),
                    Words.of(headingPath == null ? "" : headingPath),
                    Words.of(text),
                    // the snippet's sentences; null text has none (a snippet is then never asked for)
                    text == null ? List.of() : SnippetMaker.sentences(text));
        }
    }

    /** The index of the body among {@link Chunk#parts}. */
    static final int BODY = 2;

    /**
     * A chunk's words by folded form and by stem: each maps to the positions ({@link #part} and
     * {@link #word}) where the word stands, in text order. Lets the confidence and the snippet look up
     * a question's few words instead of scanning a passage's hundreds.
     */
    record WordIndex(Map<String, int[]> byFolded, Map<String, int[]> byStem) {

        private static final int PART_SHIFT = 28;

        static WordIndex of(List<List<Word>> parts) {
            Map<String, int[]> folded = new java.util.HashMap<>(), stems = new java.util.HashMap<>();
            for (int p = 0; p < parts.size(); p++) {
                List<Word> words = parts.get(p);
                for (int i = 0; i < words.size(); i++) {
                    int position = p << PART_SHIFT | i;
                    append(folded, words.get(i).folded(), position);
                    append(stems, words.get(i).stem(), position);
                }
            }
            return new WordIndex(Map.copyOf(folded), Map.copyOf(stems));
        }

        static int part(int position) {
            return position >>> PART_SHIFT;
        }

        static int word(int position) {
            return position & ((1 << PART_SHIFT) - 1);
        }

        private static void append(Map<String, int[]> positions, String key, int position) {
            int[] before = positions.get(key);
            int[] after = before == null ? new int[1] : java.util.Arrays.copyOf(before, before.length + 1);
            after[after.length - 1] = position;
            positions.put(key, after);
        }
    }

    private record Entry(Object core, int doc, Chunk chunk) {}

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(Math.max(1, SLOTS));
    private final Map<Object, String[]> docPaths = new ConcurrentHashMap<>();

    /**
     * The chunks of {@code docs} (top-level document numbers of {@code searcher}), in the same
     * order. Those not held are read in index order through one stored-fields reader: chunks of one
     * document sit side by side, and the reader decompresses a block once for the hits it holds.
     */
    Chunk[] chunks(IndexSearcher searcher, int[] docs) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Chunk[] out = new Chunk[docs.length];
        int missing = 0;
        for (int i = 0; i < docs.length; i++) {
            out[i] = held(leaves, docs[i]);
            if (out[i] == null) missing++;
        }
        if (missing == 0) return out;
        int[] order = new int[missing];
        for (int i = 0, m = 0; i < docs.length; i++) if (out[i] == null) order[m++] = i;
        // index order: sort the positions by document number
        Integer[] boxed = new Integer[missing];
        for (int m = 0; m < missing; m++) boxed[m] = order[m];
        java.util.Arrays.sort(boxed, (a, b) -> Integer.compare(docs[a], docs[b]));
        StoredFields stored = searcher.storedFields();
        for (Integer at : boxed) {
            int doc = docs[at];
            Chunk chunk = Chunk.of(stored.document(doc));
            out[at] = chunk;
            keep(leaves, doc, chunk);
        }
        return out;
    }

    private Chunk held(List<LeafReaderContext> leaves, int doc) {
        if (SLOTS == 0) return null;
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Object core = coreKey(leaf.reader());
        if (core == null) return null;
        Entry entry = slots.get(doc & (SLOTS - 1));
        if (entry == null || entry.core() != core || entry.doc() != doc - leaf.docBase) return null;
        entry.chunk().indexOnReuse();
        return entry.chunk();
    }

    private void keep(List<LeafReaderContext> leaves, int doc, Chunk chunk) {
        if (SLOTS == 0) return;
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Object core = coreKey(leaf.reader());
        if (core != null) slots.set(doc & (SLOTS - 1), new Entry(core, doc - leaf.docBase, chunk));
    }

    /**
     * The document path of a segment's document, from an array read once per segment core from its
     * doc values (no stored-field decompression); "" when the document has none.
     */
    String docPath(LeafReaderContext leaf, int segmentDoc) throws IOException {
        Object core = coreKey(leaf.reader());
        if (core == null) return readDocPath(leaf.reader(), segmentDoc);
        String[] paths = docPaths.get(core);
        if (paths == null) {
            paths = readDocPaths(leaf.reader());
            if (docPaths.putIfAbsent(core, paths) == null) {
                // forget the segment's paths when it is closed (merged away or replaced)
                leaf.reader().getCoreCacheHelper().addClosedListener(docPaths::remove);
            }
        }
        return paths[segmentDoc];
    }

    private static Object coreKey(LeafReader reader) {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        return helper == null ? null : helper.getKey();
    }

    private static String[] readDocPaths(LeafReader reader) throws IOException {
        String[] paths = new String[reader.maxDoc()];
        java.util.Arrays.fill(paths, "");
        SortedDocValues values = reader.getSortedDocValues(IndexField.DOC_PATH.fieldName());
        if (values == null) return paths;
        String[] byOrd = new String[values.getValueCount()];
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            int ord = values.ordValue();
            if (byOrd[ord] == null) byOrd[ord] = values.lookupOrd(ord).utf8ToString();
            paths[doc] = byOrd[ord];
        }
        return paths;
    }

    private static String readDocPath(LeafReader reader, int doc) throws IOException {
        SortedDocValues paths = reader.getSortedDocValues(IndexField.DOC_PATH.fieldName());
        if (paths == null || !paths.advanceExact(doc)) return "";
        return paths.lookupOrd(paths.ordValue()).utf8ToString();
    }
}
