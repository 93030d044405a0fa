package dev.tandem.kb.index;

import dev.tandem.kb.FileTrees;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final int maxParts;
    private final int minFilesPerPart;

    public CorpusIndexer(DocumentLoaders loaders, Chunker chunker) {
        this(loaders, chunker, Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors()), MIN_FILES_PER_PART);
    }

    /**
     * @param maxParts        at most this many threads each prepare and write a share of the files
     *                        (see {@link #update}); 1 for one writer thread with one preparing thread
     * @param minFilesPerPart a run with fewer files than this per part uses fewer parts
     */
    CorpusIndexer(DocumentLoaders loaders, Chunker chunker, int maxParts, int minFilesPerPart) {
        this.loaders = loaders;
        this.chunker = chunker;
        this.maxParts = maxParts;
        this.minFilesPerPart = minFilesPerPart;
    }

    /** The most parts a run is split into: each part ends as at least one segment, and searches pay per segment. */
    private static final int MAX_PARTS = 4;

    /** Below this many files per part, threads would save less than the parts' own segments cost. */
    private static final int MIN_FILES_PER_PART = 500;

    /**
     * Large runs are split into parts, one per core (see {@link #inParts}); smaller ones prepare files
     * on a second thread while this thread writes them.
     *
     * @param indexed the files the index holds now (see {@link IndexedFiles#read})
     */
    public IndexReport update(IndexWriter writer, Map<String, IndexedFiles.Entry> indexed, Path corpusDir, IndexProgress progress)
            throws IOException {
        long start = System.nanoTime();
        List<Path> files = documentsIn(corpusDir);
        int parts = Math.min(maxParts, files.size() / Math.max(1, minFilesPerPart));
        Path indexPath = FilterDirectory.unwrap(writer.getDirectory()) instanceof FSDirectory fs ? fs.getDirectory() : null;
        if (parts > 1 && indexPath != null) return inParts(writer, indexed, corpusDir, files, parts, indexPath, progress, start);
        return inOrder(writer, indexed, corpusDir, files, progress, start);
    }

    /** One writer thread, fed by one preparing thread; the documents go to {@code writer} in file order. */
    private IndexReport inOrder(IndexWriter writer, Map<String, IndexedFiles.Entry> indexed, Path corpusDir, List<Path> files,
                                IndexProgress progress, long start) throws IOException {
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
                    ahead.add(preparer.submit(() -> prepare(corpusDir, file, indexed, true)));
                }
                Prepared file = await(ahead.poll());
                progress.onFile(++done, files.size(), file.docPath());
                remaining.remove(file.docPath());
                Term pathTerm = pathTerm(file.docPath());
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
                String reason = reason(failure);
                skipped.add(file.docPath() + ": " + reason);
                log.warn("skipped {}: {}", file.docPath(), reason);
                // stale chunks of a file that can no longer be read must not keep answering
                if (file.previous() != null) writer.deleteDocuments(pathTerm);
            }
        } finally {
            preparer.shutdownNow();
        }
        for (String gone : remaining.keySet()) {
            writer.deleteDocuments(pathTerm(gone));
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

    /** {@code packed}: for a writer on another thread ({@link ChunkDocuments#prepared}), else {@link ChunkDocuments#of}. */
    private Prepared prepare(Path corpusDir, Path file, Map<String, IndexedFiles.Entry> indexed, boolean packed) {
        String docPath = docPath(corpusDir, file);
        IndexedFiles.Entry previous = indexed.get(docPath);
        try {
            String hash = ContentHash.of(file);
            if (previous != null && previous.contentHash().equals(hash)) return new Prepared(docPath, previous, null, 0, null);
            SourceDocument document = loaders.load(file, docPath);
            List<Chunk> pieces = chunker.chunk(document);
            List<Document> documents = packed ? ChunkDocuments.prepared(document, pieces, hash) : ChunkDocuments.of(document, pieces, hash);
            return new Prepared(docPath, previous, documents, pieces.size(), null);
        } catch (IOException | RuntimeException e) {
            return new Prepared(docPath, previous, null, 0, e);
        }
    }

    /**
     * The files split into {@code parts} runs of consecutive files. Each part's thread hashes, reads,
     * chunks and builds its files' documents and inverts them with a writer of its own, into a folder
     * inside the index folder, so preparing, inverting and flushing use every core. When every part
     * is done, this thread deletes the chunks of replaced, unreadable and vanished files from {@code
     * writer} and adds the parts' segments in part order ({@link IndexWriter#addIndexes(Directory...)}
     * copies them). The documents keep file order, so their ids, terms, norms and statistics are the
     * ones {@link #inOrder} writes; only the segments differ (one or more per part). A part that fails
     * (its writer, its folder) fails the run before {@code writer} is touched.
     */
    private IndexReport inParts(IndexWriter writer, Map<String, IndexedFiles.Entry> indexed, Path corpusDir, List<Path> files,
                                int parts, Path indexPath, IndexProgress progress, long start) throws IOException {
        removeLeftoverParts(indexPath);
        SharedProgress shared = new SharedProgress(progress, files.size());
        List<Part> started = new ArrayList<>();
        try {
            for (int p = 0; p < parts; p++) {
                List<Path> share = files.subList(p * files.size() / parts, (p + 1) * files.size() / parts);
                Part part = new Part(Files.createTempDirectory(indexPath, PART_PREFIX), share, corpusDir, indexed,
                        IndexSchema.RAM_BUFFER_MB / parts, shared);
                started.add(part);
                part.start(p);
            }
            for (Part part : started) part.await();
            Map<String, IndexedFiles.Entry> remaining = new HashMap<>(indexed);
            List<String> skipped = new ArrayList<>();
            int added = 0, updated = 0, unchanged = 0, chunks = 0;
            for (Part part : started) {
                for (Outcome file : part.outcomes) {
                    remaining.remove(file.docPath());
                    if (!file.changed()) {
                        unchanged++;
                        chunks += file.previous().chunks();
                        continue;
                    }
                    // replaced chunks go, and so do those of a file that can no longer be read
                    if (file.previous() != null) writer.deleteDocuments(pathTerm(file.docPath()));
                    if (file.failure() != null) {
                        skipped.add(file.docPath() + ": " + file.failure());
                        continue;
                    }
                    chunks += file.chunks();
                    if (file.previous() == null) added++;
                    else updated++;
                }
            }
            for (String gone : remaining.keySet()) writer.deleteDocuments(pathTerm(gone));
            List<Directory> written = new ArrayList<>();
            try {
                for (Part part : started) if (part.wroteAny) written.add(FSDirectory.open(part.folder));
                // deletes buffered before are applied first, so they never reach the added documents
                if (!written.isEmpty()) writer.addIndexes(written.toArray(Directory[]::new));
            } finally {
                for (Directory directory : written) directory.close();
            }
            int documents = added + updated + unchanged;
            return new IndexReport(documents, added, updated, remaining.size(), unchanged, chunks,
                    List.copyOf(skipped), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            for (Part part : started) part.discard();
        }
    }

    /** Part folders are named so inside the index folder; Lucene leaves names that are not its files alone. */
    private static final String PART_PREFIX = ".kb-part-";

    /** Part folders a run that crashed left behind (runs hold the index's write lock, so none is in use). */
    private static void removeLeftoverParts(Path indexPath) throws IOException {
        try (Stream<Path> entries = Files.list(indexPath)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(PART_PREFIX)).toList()) {
                FileTrees.delete(entry);
            }
        }
    }

    /** What became of one file in a part: {@code changed} false when its hash is unchanged, {@code failure} when skipped. */
    private record Outcome(String docPath, IndexedFiles.Entry previous, boolean changed, int chunks, String failure) {}

    /** Progress from several parts' threads, one call at a time, counted across them. */
    private static final class SharedProgress {
        private final IndexProgress progress;
        private final int total;
        private int done;

        SharedProgress(IndexProgress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        synchronized void onFile(String path) {
            progress.onFile(++done, total, path);
        }
    }

    /** One part of an {@link #inParts} run: its files, its thread, its writer's folder and what became of each file. */
    private final class Part {
        private final Path folder;
        private final List<Path> share;
        private final Path corpusDir;
        private final Map<String, IndexedFiles.Entry> indexed;
        private final double ramBufferMb;
        private final SharedProgress progress;
        /** Written by the part's thread, read after {@link #await}. */
        private final List<Outcome> outcomes = new ArrayList<>();
        private boolean wroteAny;
        private Throwable failure;
        private Thread thread;

        Part(Path folder, List<Path> share, Path corpusDir, Map<String, IndexedFiles.Entry> indexed, double ramBufferMb,
             SharedProgress progress) {
            this.folder = folder;
            this.share = share;
            this.corpusDir = corpusDir;
            this.indexed = indexed;
            this.ramBufferMb = ramBufferMb;
            this.progress = progress;
        }

        void start(int number) {
            thread = Thread.ofPlatform().name("kb-index-part-" + number).daemon().start(this::run);
        }

        private void run() {
            try (FSDirectory directory = FSDirectory.open(folder);
                 IndexWriter partWriter = new IndexWriter(directory, IndexSchema.writerConfig().setRAMBufferSizeMB(ramBufferMb))) {
                for (Path file : share) {
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted while indexing");
                    // the documents are inverted on this thread: their terms are made then, not packed ahead
                    Prepared prepared = prepare(corpusDir, file, indexed, false);
                    progress.onFile(prepared.docPath());
                    Exception failed = prepared.failure();
                    if (failed == null && prepared.documents() == null) {
                        outcomes.add(new Outcome(prepared.docPath(), prepared.previous(), false, 0, null));
                        continue;
                    }
                    if (failed == null) {
                        try {
                            partWriter.addDocuments(prepared.documents());
                            wroteAny = true;
                        } catch (IOException | RuntimeException e) {
                            failed = e;
                        }
                    }
                    String reason = failed == null ? null : reason(failed);
                    if (reason != null) log.warn("skipped {}: {}", prepared.docPath(), reason);
                    outcomes.add(new Outcome(prepared.docPath(), prepared.previous(), true, prepared.chunks(), reason));
                }
                partWriter.commit();
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Waits for the part's thread; a part that failed fails the run. */
        void await() throws IOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while indexing");
            }
            if (failure instanceof Error error) throw error;
            if (failure instanceof IOException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure != null) throw new IOException("indexing part " + thread.getName() + " failed", failure);
        }

        /** Stops the part's thread if it still runs and removes its folder. */
        void discard() throws IOException {
            if (thread != null) {
                thread.interrupt();
                boolean interrupted = false;
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            FileTrees.delete(folder);
        }
    }

    private static Term pathTerm(String docPath) {
        return new Term(IndexField.DOC_PATH.fieldName(), docPath);
    }

    private static String reason(Exception failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
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
