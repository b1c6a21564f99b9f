package dev.chat.adapter.out.jdbc;

/**
 * A database operation failed. It carries a sanitized description instead of the driver's
 * exception, so that whoever logs it never writes message bodies or other row data to the logs.
 */
public final class StorageFailure extends RuntimeException {
    private final String sqlState;

    private StorageFailure(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    public static StorageFailure of(String operation, Throwable cause) {
        String state = cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        return new StorageFailure(operation + " failed: " + SqlErrors.describe(cause), state);
    }

    /** The SQLState of the underlying failure, when the database gave one. */
    public String sqlState() {
        return sqlState;
    }
}
