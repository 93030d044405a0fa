package dev.tandem.server.accounts.importing;

/** One reason a row (or a file) was refused: where it is and what to fix. */
public record ImportError(String source, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? source + " line " + line + ": " + message : source + ": " + message;
    }
}
