package dev.chat.adapter.out.rocksdb;

import org.rocksdb.RocksDBException;

/** The RocksDB engine failed an operation; callers see what was being done and the engine's status. */
public final class RocksFailure extends RuntimeException {
    private RocksFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public static RocksFailure of(String doing, RocksDBException cause) {
        String status = cause.getStatus() == null ? cause.getMessage()
                : cause.getStatus().getCodeString() + ": " + cause.getMessage();
        return new RocksFailure("RocksDB failed " + doing + " (" + status + ")", cause);
    }
}
