package dev.tandem.kb;

/** Receives progress while a folder is indexed. */
@FunctionalInterface
public interface IndexProgress {
    void onFile(int done, int total, String path);

    static IndexProgress silent() {
        return (done, total, path) -> {};
    }
}
