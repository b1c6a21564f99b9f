package dev.chat.application.planted;

/** Not a violation: a use case with the core's own annotation and one from the JDK. */
@UseCaseMarker
public final class ApplicationWithItsOwnMarker {
    @Override
    @Deprecated
    public String toString() {
        return "a use case";
    }
}
