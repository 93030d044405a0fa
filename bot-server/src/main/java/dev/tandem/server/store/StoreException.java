package dev.tandem.server.store;

/** The database could not do what was asked; nothing was acknowledged to a client. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
