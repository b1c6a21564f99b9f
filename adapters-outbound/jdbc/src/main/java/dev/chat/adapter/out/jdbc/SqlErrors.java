package dev.chat.adapter.out.jdbc;

import java.sql.SQLException;

/** Reading SQL failures without ever copying the data they quote (H2 prints offending rows, bodies included). */
public final class SqlErrors {
    /** The SQLState of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_DESCRIPTION = 160;
    private static final int MAX_CHAIN = 5;

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CHAIN * 2; t = next(t), depth++) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A loggable account of the failure and its causes: class names, SQL states and each message
     * cut before its first quoted value, since drivers quote the statement's data there.
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CHAIN; t = next(t), depth++) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append('[').append(sql.getSQLState()).append(']');
            }
            String message = t.getMessage();
            if (message != null) {
                text.append(": ").append(withoutData(message));
            }
        }
        return text.toString();
    }

    private static String withoutData(String message) {
        int cut = message.length();
        for (String marker : new String[] {"'", "VALUES", "( /*", "\n", "Detail:"}) {
            int at = message.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String kept = message.substring(0, Math.min(cut, MAX_DESCRIPTION)).strip();
        return kept.length() < message.length() ? kept + " [...]" : kept;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
