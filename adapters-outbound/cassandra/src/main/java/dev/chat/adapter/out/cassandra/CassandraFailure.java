package dev.chat.adapter.out.cassandra;

/**
 * A Cassandra operation failed. It names the operation and the driver's error, which for prepared
 * statements never quotes bound values, so whoever logs it writes no message text to the logs.
 */
public final class CassandraFailure extends RuntimeException {
    public CassandraFailure(String operation, Throwable cause) {
        super(operation + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        // the async API wraps driver errors in CompletionException/ExecutionException
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
