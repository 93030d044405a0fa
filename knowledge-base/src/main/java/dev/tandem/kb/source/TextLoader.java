package dev.tandem.kb.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Plain text: one section; metadata only from the sidecar. */
public final class TextLoader implements DocumentLoader {

    @Override
    public LoadedFile load(Path file, DocMetadata sidecar) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
        return new LoadedFile(sidecar, text.isEmpty() ? List.of() : List.of(new Section(List.of(), text)));
    }
}
