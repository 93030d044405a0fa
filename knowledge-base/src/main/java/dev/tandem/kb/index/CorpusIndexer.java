package dev.tandem.kb.index;

import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.lucene.document.Document;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Brings an index in line with a folder: files whose hash changed are re-chunked and replaced as one
 * block, new files added, vanished files deleted. Nothing is committed here; the caller commits once
 * at the end, so a crash mid-run leaves the previous commit intact.
 */
public final class CorpusIndexer {

    private static final Logger log = LoggerFactory.getLogger(CorpusIndexer.class);

    private final DocumentLoaders loaders;
    private final Chunker chunker;

    public CorpusIndexer(DocumentLoaders loaders, Chunker chunker) {
        this.loaders = loaders;
        this.chunker = chunker;
    }

    /**
     * @param indexed the files the index holds now (see {@link IndexedFiles#read})
     */
    public IndexReport update(IndexWriter writer, Map<String, IndexedFiles.Entry> indexed, Path corpusDir, IndexProgress progress)
            throws IOException {
        long start = System.nanoTime();
        List<Path> files = documentsIn(corpusDir);
        Map<String, IndexedFiles.Entry> remaining = new HashMap<>(indexed);
        List<String> skipped = new ArrayList<>();
        int added = 0, updated = 0, unchanged = 0, chunks = 0, done = 0;
        // Hashing, reading, parsing, chunking and building a file's documents run a few files ahead on
        // a second thread, while this thread hands the files before to the writer. One writer thread
        // keeps the documents in file order in one segment, so the index is the one a sequential run
        // writes; the preparing thread reads only the immutable `indexed`.
        ExecutorService preparer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kb-index-prepare");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<Prepared>> ahead = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !ahead.isEmpty()) {
                while (next < files.size() && ahead.size() < FILES_AHEAD) {
                    Path file = files.get(next++);
                    ahead.add(preparer.submit(() -> prepare(corpusDir, file, indexed)));
                }
                Prepared file = await(ahead.poll());
                progress.onFile(++done, files.size(), file.docPath());
                remaining.remove(file.docPath());
                Term pathTerm = new Term(IndexField.DOC_PATH.fieldName(), file.docPath());
                Exception failure = file.failure();
                if (failure == null && file.documents() == null) {
                    unchanged++;
                    chunks += file.previous().chunks();
                    continue;
                }
                if (failure == null) {
                    try {
                        // One atomic block per file: searchers see the old chunks or the new, never neither.
                        writer.updateDocuments(pathTerm, file.documents());
                        chunks += file.chunks();
                        if (file.previous() == null) added++;
                        else updated++;
                        continue;
                    } catch (IOException | RuntimeException e) {
                        failure = e;
                    }
                }
                String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
                skipped.add(file.docPath() + ": " + reason);
                log.warn("skipped {}: {}", file.docPath(), reason);
                // stale chunks of a file that can no longer be read must not keep answering
                if (file.previous() != null) writer.deleteDocuments(pathTerm);
            }
        } finally {
            preparer.shutdownNow();
        }
        for (String gone : remaining.keySet()) {
            writer.deleteDocuments(new Term(IndexField.DOC_PATH.fieldName(), gone));
        }
        int documents = added + updated + unchanged;
        return new IndexReport(documents, added, updated, remaining.size(), unchanged, chunks,
                List.copyOf(skipped), Duration.ofNanos(System.nanoTime() - start));
    }

    /** How many files the preparing thread may be ahead of the writer: bounds the documents held in memory. */
    private static final int FILES_AHEAD = 8;

    /**
     * One file made ready for the writer: {@code documents} null when its hash is unchanged (then
     * {@code previous} says how many chunks it has), {@code failure} set when it could not be read.
     */
    private record Prepared(String docPath, IndexedFiles.Entry previous, List<Document> documents, int chunks, Exception failure) {}

    private Prepared prepare(Path corpusDir, Path file, Map<String, IndexedFiles.Entry> indexed) {
        String docPath = docPath(corpusDir, file);
        IndexedFiles.Entry previous = indexed.get(docPath);
        try {
            String hash = ContentHash.of(file);
            if (previous != null && previous.contentHash().equals(hash)) return new Prepared(docPath, previous, null, 0, null);
            SourceDocument document = loaders.load(file, docPath);
            List<Chunk> pieces = chunker.chunk(document);
            return new Prepared(docPath, previous, ChunkDocuments.prepared(document, pieces, hash), pieces.size(), null);
        } catch (IOException | RuntimeException e) {
            return new Prepared(docPath, previous, null, 0, e);
        }
    }

    private static Prepared await(Future<Prepared> prepared) throws IOException {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing");
        } catch (ExecutionException e) {
            // prepare() turns IOException and RuntimeException into a skipped file: what is left is an Error
            if (e.getCause() instanceof Error error) throw error;
            throw new IOException("preparing a file failed", e.getCause());
        }
    }

    /** Document files under the folder, sorted; hidden entries and sidecars are not documents. */
    List<Path> documentsIn(Path corpusDir) throws IOException {
        if (!Files.isDirectory(corpusDir)) throw new IOException("not a folder: " + corpusDir);
        try (Stream<Path> walk = Files.walk(corpusDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(corpusDir.relativize(p)))
                    .filter(loaders::isDocument)
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    static String docPath(Path corpusDir, Path file) {
        return corpusDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
