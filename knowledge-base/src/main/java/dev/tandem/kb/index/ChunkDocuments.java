package dev.tandem.kb.index;

import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.DocMetadata;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.List;

/** Turns a loaded document and its chunks into Lucene documents: the chunks, then one file record. */
public final class ChunkDocuments {

    static final String KIND_CHUNK = "chunk";
    static final String KIND_FILE = "file";

    private ChunkDocuments() {}

    public static List<Document> of(SourceDocument source, List<Chunk> chunks, String contentHash) {
        DocMetadata meta = source.metadata();
        List<Document> documents = new ArrayList<>(chunks.size() + 1);
        for (Chunk chunk : chunks) {
            Document doc = new Document();
            // Keywords: exact-match terms for filtering and for deleting one file's chunks.
            keyword(doc, IndexField.KIND, KIND_CHUNK, false);
            keyword(doc, IndexField.CHUNK_ID, chunk.id(), true);
            keyword(doc, IndexField.DOC_PATH, source.path(), true);
            // doc values: the per-document cap reads the path of many hits without loading stored fields
            doc.add(new SortedDocValuesField(IndexField.DOC_PATH.fieldName(), new BytesRef(source.path())));
            keyword(doc, IndexField.CONTENT_HASH, contentHash, true);
            keyword(doc, IndexField.AUDIENCE, meta.audience(), true);
            keyword(doc, IndexField.LANG, meta.lang(), true);
            keyword(doc, IndexField.DOC_TYPE, meta.docType(), true);
            keyword(doc, IndexField.PRODUCT, meta.product(), true);
            if (meta.url() != null) doc.add(new StoredField(IndexField.URL.fieldName(), meta.url()));
            doc.add(new StoredField(IndexField.ORDINAL.fieldName(), chunk.ordinal()));
            // Stored and analyzed (folded): searched, and shown in citations and snippets.
            doc.add(new TextField(IndexField.TITLE.fieldName(), meta.title(), Field.Store.YES));
            if (meta.subtitle() != null) doc.add(new TextField(IndexField.TITLE.fieldName(), meta.subtitle(), Field.Store.NO));
            doc.add(new TextField(IndexField.HEADING_PATH.fieldName(), chunk.headingPath(), Field.Store.YES));
            doc.add(new TextField(IndexField.TEXT.fieldName(), chunk.text(), Field.Store.YES));
            // Derived fields see title, headings and body as separate values, so no bigram spans
            // two of them; they are not stored (the stored copies above serve).
            for (IndexField derived : List.of(IndexField.EXACT, IndexField.BIGRAMS, IndexField.STEMMED, IndexField.CODES)) {
                doc.add(new TextField(derived.fieldName(), meta.title(), Field.Store.NO));
                if (meta.subtitle() != null) doc.add(new TextField(derived.fieldName(), meta.subtitle(), Field.Store.NO));
                if (!chunk.headingPath().isEmpty()) doc.add(new TextField(derived.fieldName(), chunk.headingPath(), Field.Store.NO));
                doc.add(new TextField(derived.fieldName(), chunk.text(), Field.Store.NO));
            }
            documents.add(doc);
        }
        documents.add(fileRecord(source.path(), contentHash, chunks.size()));
        return documents;
    }

    /** The record that remembers a file's hash for the next incremental run. */
    static Document fileRecord(String docPath, String contentHash, int chunkCount) {
        Document file = new Document();
        keyword(file, IndexField.KIND, KIND_FILE, false);
        keyword(file, IndexField.DOC_PATH, docPath, true);
        keyword(file, IndexField.CONTENT_HASH, contentHash, true);
        file.add(new StoredField(IndexField.CHUNKS.fieldName(), chunkCount));
        return file;
    }

    private static void keyword(Document doc, IndexField field, String value, boolean stored) {
        if (value != null) doc.add(new StringField(field.fieldName(), value, stored ? Field.Store.YES : Field.Store.NO));
    }
}
