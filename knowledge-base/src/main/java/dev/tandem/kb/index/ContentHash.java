package dev.tandem.kb.index;

import dev.tandem.kb.source.DocumentLoaders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hash of a file's bytes and its sidecar's, plus the index layout version; decides re-indexing. */
public final class ContentHash {

    private ContentHash() {}

    public static String of(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(IndexSchema.VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
            Path sidecar = DocumentLoaders.sidecarOf(file);
            if (Files.isRegularFile(sidecar)) {
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(sidecar));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
