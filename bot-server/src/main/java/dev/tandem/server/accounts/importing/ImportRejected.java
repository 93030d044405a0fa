package dev.tandem.server.accounts.importing;

import java.util.List;

/** The import was refused as a whole: nothing was written. Carries every error found, in file order. */
public final class ImportRejected extends RuntimeException {

    private final List<ImportError> errors;

    public ImportRejected(List<ImportError> errors) {
        super(errors.size() + " error(s); nothing imported. First: " + errors.getFirst());
        this.errors = List.copyOf(errors);
    }

    public List<ImportError> errors() {
        return errors;
    }
}
