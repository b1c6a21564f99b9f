package dev.chat.domain;

/** A business rule refused an action; {@link #rejection()} says which one. */
public final class RejectedException extends RuntimeException {
    private final Rejection rejection;

    public RejectedException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public static RejectedException of(Rejection rejection, String message) {
        return new RejectedException(rejection, message);
    }
}
