package dev.tandem.kb.index;

import dev.tandem.kb.analysis.FieldTerms;
import dev.tandem.kb.analysis.PackedTerms;
import dev.tandem.kb.analysis.TermsTokenStream;
import dev.tandem.kb.analysis.Word;
import dev.tandem.kb.analysis.WordTermsStream;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.DocMetadata;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns a loaded document and its chunks into Lucene documents: the chunks, then one file record. */
public final class ChunkDocuments {

    static final String KIND_CHUNK = "chunk";
    static final String KIND_FILE = "file";

    private ChunkDocuments() {}

    /**
     * The documents for a writer on the same thread: each analyzed field's terms are worked out from
     * the words while the writer inverts the field.
     */
    public static List<Document> of(SourceDocument source, List<Chunk> chunks, String contentHash) {
        return build(source, chunks, contentHash, null);
    }

    /**
     * The same documents for a writer on another thread ({@code kb index} builds a file's documents
     * on its preparing thread): each analyzed field's terms are worked out here and packed into one
     * array ({@link PackedTerms}), so the writer's thread, the slower of the two, only reads them.
     * The same terms in the same order as {@link #of}; one thread that builds and writes is faster
     * without the packing.
     */
    public static List<Document> prepared(SourceDocument source, List<Chunk> chunks, String contentHash) {
        return build(source, chunks, contentHash, new FieldPacker());
    }

    /** {@code packer} null: fields that make their terms when inverted. */
    private static List<Document> build(SourceDocument source, List<Chunk> chunks, String contentHash, FieldPacker packer) {
        DocMetadata meta = source.metadata();
        List<Document> documents = new ArrayList<>(chunks.size() + 1);
        // the title is the same for every chunk of the document: segmented once
        List<Word> titleWords = Words.of(meta.title());
        List<Word> subtitleWords = Words.of(meta.subtitle());
        for (Chunk chunk : chunks) {
            Document doc = new Document();
            // Keywords: exact-match terms for filtering and for deleting one file's chunks.
            keyword(doc, IndexField.KIND, KIND_CHUNK, false);
            keyword(doc, IndexField.DOC_PATH, source.path(), true);
            // doc values: the per-document cap reads the path of many hits without loading stored fields
            doc.add(new SortedDocValuesField(IndexField.DOC_PATH.fieldName(), new BytesRef(source.path())));
            keyword(doc, IndexField.AUDIENCE, meta.audience(), true);
            // Stored only: no query looks a chunk up by these (a chunk id is a term of its own per
            // chunk; deletes go by path, and the file record holds the hash incremental runs compare).
            stored(doc, IndexField.CHUNK_ID, chunk.id());
            stored(doc, IndexField.CONTENT_HASH, contentHash);
            stored(doc, IndexField.LANG, meta.lang());
            stored(doc, IndexField.DOC_TYPE, meta.docType());
            stored(doc, IndexField.PRODUCT, meta.product());
            if (meta.url() != null) doc.add(new StoredField(IndexField.URL.fieldName(), meta.url()));
            doc.add(new StoredField(IndexField.ORDINAL.fieldName(), chunk.ordinal()));
            // Stored copies for citations, snippets and confidence; the analyzed fields below are not stored.
            doc.add(new StoredField(IndexField.TITLE.fieldName(), meta.title()));
            doc.add(new StoredField(IndexField.HEADING_PATH.fieldName(), chunk.headingPath()));
            doc.add(new StoredField(IndexField.TEXT.fieldName(), chunk.text()));
            List<Word> bodyWords = Words.of(chunk.text());
            List<Word> headingWords = Words.of(chunk.headingPath());
            // Each text is segmented once; every analyzed field takes its terms from those words.
            // Derived fields see title, headings and body as separate parts, so no pair spans two.
            List<List<Word>> parts = List.of(titleWords, subtitleWords, headingWords, bodyWords);
            analyzed(doc, packer, IndexField.TITLE, List.of(titleWords, subtitleWords), WordTermsStream.Form.FOLDED);
            analyzed(doc, packer, IndexField.HEADING_PATH, List.of(headingWords), WordTermsStream.Form.FOLDED);
            analyzed(doc, packer, IndexField.TEXT, List.of(bodyWords), WordTermsStream.Form.FOLDED);
            analyzed(doc, packer, IndexField.EXACT, parts, WordTermsStream.Form.EXACT);
            analyzed(doc, packer, IndexField.BIGRAMS, parts, WordTermsStream.Form.PAIRS);
            analyzed(doc, packer, IndexField.STEMMED, parts, WordTermsStream.Form.CHANGED_STEMS);
            List<String> codes = new ArrayList<>(FieldTerms.codes(meta.title(), titleWords));
            if (meta.subtitle() != null) codes.addAll(FieldTerms.codes(meta.subtitle(), subtitleWords));
            codes.addAll(FieldTerms.codes(chunk.headingPath(), headingWords));
            codes.addAll(FieldTerms.codes(chunk.text(), bodyWords));
            if (!codes.isEmpty()) doc.add(new Field(IndexField.CODES.fieldName(), new TermsTokenStream(codes), typeOf(IndexField.CODES)));
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
        stored(file, IndexField.CONTENT_HASH, contentHash);
        file.add(new StoredField(IndexField.CHUNKS.fieldName(), chunkCount));
        for (IndexField field : SCORED) analyzed(file, field, List.of());
        return file;
    }

    /**
     * The analyzed fields that carry norms. Every record has each of them, with {@link #NO_TERMS} when
     * it has no words there, so norms stay dense: a sparse norms lookup per scored document cost
     * about a fifth of search time.
     */
    private static final List<IndexField> SCORED = List.of(IndexField.TITLE, IndexField.HEADING_PATH, IndexField.TEXT,
            IndexField.EXACT, IndexField.BIGRAMS, IndexField.STEMMED);

    /** The one term of a record without words in a field; no query makes it (queries are words). */
    static final String NO_TERMS = "\u0000";

    /**
     * Analyzed text: term frequencies and norms for BM25, no positions (no query needs them: word
     * pairs have their own field), not stored.
     */
    private static final FieldType TERMS = terms(IndexOptions.DOCS_AND_FREQS, false);

    /**
     * Fields that back up the body's words — exact marks, word pairs, changed stems: whether a chunk
     * holds the term, not how often (BM25 then counts it once), with norms. The folded body keeps the
     * counts. Without them these fields cost a sixth less to index (104,000 generated chunks: 8,900–10,500
     * against 11,600–12,100 chunks per CPU-second), and retrieval on the development set stays the same
     * (recall@5 0.966 → 0.969, MRR@10 0.918 → 0.918); without the body's counts it falls (0.949 / 0.903).
     */
    private static final FieldType PRESENCE_TERMS = terms(IndexOptions.DOCS, false);

    /** Codes are rare and matched whole: no norms (most chunks have none), so no norms lookups either. */
    private static final FieldType CODE_TERMS = terms(IndexOptions.DOCS_AND_FREQS, true);

    /** The options of an analyzed field; one field has the same in every record. */
    static FieldType typeOf(IndexField field) {
        return switch (field) {
            case EXACT, BIGRAMS, STEMMED -> PRESENCE_TERMS;
            case CODES -> CODE_TERMS;
            default -> TERMS;
        };
    }

    private static FieldType terms(IndexOptions options, boolean omitNorms) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(options);
        type.setOmitNorms(omitNorms);
        type.freeze();
        return type;
    }

    private static final BytesRef NO_TERMS_BYTES = new BytesRef(NO_TERMS);

    private static void analyzed(Document doc, FieldPacker packer, IndexField field, List<List<Word>> parts, WordTermsStream.Form form) {
        if (packer != null) packer.add(doc, field, parts, form);
        else doc.add(new WordsField(field, parts, form));
    }

    /**
     * An analyzed field whose terms come from a chunk's words ({@link WordTermsStream}); its stream
     * is made when the writer inverts the field, reusing the stream the writer kept from the field
     * of the same name in the document before.
     */
    private static final class WordsField extends Field {
        private final List<List<Word>> parts;
        private final WordTermsStream.Form form;

        WordsField(IndexField field, List<List<Word>> parts, WordTermsStream.Form form) {
            super(field.fieldName(), typeOf(field));
            this.parts = parts;
            this.form = form;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            return WordTermsStream.reusing(reuse, parts, form, NO_TERMS_BYTES);
        }
    }

    /**
     * Adds analyzed fields whose terms come from a chunk's words ({@link WordTermsStream}), packed
     * when the document is built ({@link PackedTerms}): in {@code kb index} that is the thread that
     * prepares files, and the writer's thread only reads each field's terms from one array.
     */
    private static final class FieldPacker {
        private final PackedTerms.Packer packer = new PackedTerms.Packer();
        private WordTermsStream stream;

        void add(Document doc, IndexField field, List<List<Word>> parts, WordTermsStream.Form form) {
            stream = WordTermsStream.reusing(stream, parts, form, NO_TERMS_BYTES);
            try {
                doc.add(new PackedField(field, packer.pack(stream)));
            } catch (IOException e) {
                // the stream reads words already in memory: it has no input that could fail
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An analyzed field of packed terms; its stream reuses the one the writer kept from the field before. */
    private static final class PackedField extends Field {
        private final PackedTerms terms;

        PackedField(IndexField field, PackedTerms terms) {
            super(field.fieldName(), typeOf(field));
            this.terms = terms;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            return terms.tokenStream(reuse);
        }
    }

    private static void analyzed(Document doc, IndexField field, List<String> terms) {
        doc.add(new Field(field.fieldName(), new TermsTokenStream(terms.isEmpty() ? List.of(NO_TERMS) : terms), typeOf(field)));
    }

    private static void stored(Document doc, IndexField field, String value) {
        if (value != null) doc.add(new StoredField(field.fieldName(), value));
    }

    private static void keyword(Document doc, IndexField field, String value, boolean stored) {
        if (value != null) doc.add(new StringField(field.fieldName(), value, stored ? Field.Store.YES : Field.Store.NO));
    }
}
