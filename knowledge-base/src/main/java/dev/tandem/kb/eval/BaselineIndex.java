package dev.tandem.kb.eval;

import dev.tandem.kb.Audience;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The comparison point: plain Lucene BM25 with {@link StandardAnalyzer} over the same chunks (title,
 * headings and body in one field), with the same audience filter. In memory; for evaluation only.
 */
public final class BaselineIndex implements Ranker, AutoCloseable {

    private final Directory directory = new ByteBuffersDirectory();
    private final StandardAnalyzer analyzer = new StandardAnalyzer();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public BaselineIndex(Path corpusDir) throws IOException {
        DocumentLoaders loaders = new DocumentLoaders();
        Chunker chunker = Chunker.defaults();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
             Stream<Path> walk = Files.walk(corpusDir)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(loaders::isDocument).sorted().toList()) {
                String docPath = corpusDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (docPath.startsWith(".") || docPath.contains("/.")) continue;
                SourceDocument source;
                try {
                    source = loaders.load(file, docPath);
                } catch (IOException e) {
                    continue;
                }
                for (Chunk chunk : chunker.chunk(source)) {
                    Document doc = new Document();
                    doc.add(new StringField("path", docPath, Field.Store.YES));
                    doc.add(new StringField("audience", source.metadata().audience(), Field.Store.NO));
                    doc.add(new TextField("body", source.metadata().title() + "\n" + chunk.headingPath() + "\n" + chunk.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @Override
    public Ranking rank(String question, Audience audience) {
        Query terms = new QueryBuilder(analyzer).createBooleanQuery("body", question);
        if (terms == null) return new Ranking(List.of(), Double.NaN);
        List<BytesRef> visible = audience.visibleAudiences().stream().map(BytesRef::new).toList();
        Query query = new BooleanQuery.Builder()
                .add(terms, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery("audience", visible), BooleanClause.Occur.FILTER)
                .build();
        try {
            Set<String> docs = new LinkedHashSet<>();
            for (ScoreDoc hit : searcher.search(query, 50).scoreDocs) {
                docs.add(searcher.storedFields().document(hit.doc).get("path"));
            }
            return new Ranking(new ArrayList<>(docs), Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
