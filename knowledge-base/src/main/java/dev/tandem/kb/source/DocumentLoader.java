package dev.tandem.kb.source;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one kind of file into sections and the metadata the file itself carries. */
public interface DocumentLoader {

    /**
     * @param file    the file to read
     * @param sidecar metadata from the file's {@code .meta} sidecar (may be empty); the loader
     *                lays it over what the file itself declares
     */
    LoadedFile load(Path file, DocMetadata sidecar) throws IOException;

    /** What a loader found: metadata (possibly without title/lang/audience) and sections. */
    record LoadedFile(DocMetadata metadata, java.util.List<Section> sections) {}
}
