package dev.tandem.kb.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The files an index holds, read from their file records: path to hash and chunk count. */
public final class IndexedFiles {

    /** One file record. */
    public record Entry(String contentHash, int chunks) {}

    private IndexedFiles() {}

    public static Map<String, Entry> read(IndexSearcher searcher) throws IOException {
        TermQuery files = new TermQuery(new Term(IndexField.KIND.fieldName(), ChunkDocuments.KIND_FILE));
        int count = Math.max(1, searcher.count(files));
        TopDocs top = searcher.search(files, count);
        StoredFields stored = searcher.storedFields();
        Set<String> wanted = Set.of(IndexField.DOC_PATH.fieldName(), IndexField.CONTENT_HASH.fieldName(), IndexField.CHUNKS.fieldName());
        Map<String, Entry> entries = new HashMap<>();
        for (ScoreDoc hit : top.scoreDocs) {
            Document doc = stored.document(hit.doc, wanted);
            Number chunks = doc.getField(IndexField.CHUNKS.fieldName()).numericValue();
            entries.put(doc.get(IndexField.DOC_PATH.fieldName()),
                    new Entry(doc.get(IndexField.CONTENT_HASH.fieldName()), chunks.intValue()));
        }
        return entries;
    }

    /** Number of chunk documents in the index. */
    public static int chunkCount(IndexSearcher searcher) throws IOException {
        return searcher.count(new TermQuery(new Term(IndexField.KIND.fieldName(), ChunkDocuments.KIND_CHUNK)));
    }
}
