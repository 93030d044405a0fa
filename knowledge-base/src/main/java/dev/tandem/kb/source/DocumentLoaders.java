package dev.tandem.kb.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the loader for a file by its extension, applies its {@code <file>.meta} sidecar, and
 * resolves the metadata every document must have: title (else the file name), lang (else
 * detected) and audience (else public).
 */
public final class DocumentLoaders {

    private final Map<String, DocumentLoader> byExtension = new HashMap<>();

    public DocumentLoaders() {
        DocumentLoader markdown = new MarkdownLoader();
        DocumentLoader html = new HtmlLoader();
        byExtension.put("md", markdown);
        byExtension.put("markdown", markdown);
        byExtension.put("html", html);
        byExtension.put("htm", html);
        byExtension.put("pdf", new PdfLoader());
        byExtension.put("txt", new TextLoader());
    }

    /** Whether the file is a document: a known extension, and not a sidecar. */
    public boolean isDocument(Path file) {
        return loaderFor(file).isPresent();
    }

    /** The sidecar of a document, whether or not it exists. */
    public static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".meta");
    }

    /**
     * Loads one document.
     *
     * @param docPath the corpus-relative path with '/' separators
     * @throws IOException when the file cannot be read or parsed, or its metadata is invalid
     */
    public SourceDocument load(Path file, String docPath) throws IOException {
        DocumentLoader loader = loaderFor(file).orElseThrow(() -> new IOException("unsupported file type"));
        Path sidecarFile = sidecarOf(file);
        DocMetadata sidecar = Files.isRegularFile(sidecarFile)
                ? new DocMetadata(MetadataLines.parse(Files.readAllLines(sidecarFile, StandardCharsets.UTF_8)))
                : DocMetadata.empty();
        DocumentLoader.LoadedFile loaded;
        try {
            loaded = loader.load(file, sidecar);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // parsers throw unchecked exceptions on malformed input; it is still a bad file
            throw new IOException(e.toString(), e);
        }
        List<Section> sections = loaded.sections();
        DocMetadata metadata = loaded.metadata();
        String title = metadata.title() != null ? metadata.title() : titleFromFileName(file);
        StringBuilder text = new StringBuilder(title).append('\n');
        sections.forEach(s -> text.append(s.text()).append('\n'));
        String lang = metadata.lang() != null
                ? metadata.lang().toLowerCase(Locale.ROOT)
                : LanguageDetector.detect(text.toString());
        String audience;
        try {
            audience = DocumentAudience.normalize(metadata.audience());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        DocMetadata resolved = metadata.overriddenBy(Map.of("title", title, "lang", lang, "audience", audience));
        return new SourceDocument(docPath, resolved, sections);
    }

    private Optional<DocumentLoader> loaderFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0 || name.startsWith(".")) return Optional.empty();
        return Optional.ofNullable(byExtension.get(name.substring(dot + 1)));
    }

    private static String titleFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('-', ' ').replace('_', ' ');
    }
}
