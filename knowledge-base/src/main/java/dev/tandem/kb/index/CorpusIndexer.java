package dev.tandem.kb.index;

import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        for (Path file : files) {
            String docPath = docPath(corpusDir, file);
            progress.onFile(++done, files.size(), docPath);
            IndexedFiles.Entry previous = remaining.remove(docPath);
            Term pathTerm = new Term(IndexField.DOC_PATH.fieldName(), docPath);
            try {
                String hash = ContentHash.of(file);
                if (previous != null && previous.contentHash().equals(hash)) {
                    unchanged++;
                    chunks += previous.chunks();
                    continue;
                }
                SourceDocument document = loaders.load(file, docPath);
                List<Chunk> pieces = chunker.chunk(document);
                // One atomic block per file: searchers see the old chunks or the new, never neither.
                writer.updateDocuments(pathTerm, ChunkDocuments.of(document, pieces, hash));
                chunks += pieces.size();
                if (previous == null) added++;
                else updated++;
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                skipped.add(docPath + ": " + reason);
                log.warn("skipped {}: {}", docPath, reason);
                // stale chunks of a file that can no longer be read must not keep answering
                if (previous != null) writer.deleteDocuments(pathTerm);
            }
        }
        for (String gone : remaining.keySet()) {
            writer.deleteDocuments(new Term(IndexField.DOC_PATH.fieldName(), gone));
        }
        int documents = added + updated + unchanged;
        return new IndexReport(documents, added, updated, remaining.size(), unchanged, chunks,
                List.copyOf(skipped), Duration.ofNanos(System.nanoTime() - start));
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
