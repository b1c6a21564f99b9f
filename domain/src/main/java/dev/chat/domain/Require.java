package dev.chat.domain;

/** Argument checks that turn bad values into {@link Rejection#INVALID_INPUT}. */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String name) {
        if (value == null) {
            throw RejectedException.of(Rejection.INVALID_INPUT, name + " is required");
        }
        return value;
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw RejectedException.of(Rejection.INVALID_INPUT, message);
        }
    }

    /** True when the text holds no unpaired surrogate, so that it has a UTF-8 encoding. */
    public static boolean wellFormedUtf16(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A short token of letters, digits and {@code . _ -}, as used for ids chosen by clients. */
    public static String token(String value, String name, int maxLength) {
        present(value, name);
        that(!value.isEmpty() && value.length() <= maxLength,
                name + " must be 1 to " + maxLength + " characters");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':';
            that(ok, name + " may hold only letters, digits and . _ - :");
        }
        return value;
    }
}
