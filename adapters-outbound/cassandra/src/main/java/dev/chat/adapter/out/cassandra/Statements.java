package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Runs many statements concurrently with a bound on how many are in flight, and reads whole results. */
public final class Statements {
    /** Enough to keep a few nodes busy, few enough not to trip the driver's per-connection limit. */
    private static final int IN_FLIGHT = 128;

    private Statements() {
    }

    /** Executes every statement, at most {@value #IN_FLIGHT} at a time; returns when all succeeded. */
    public static void executeAll(CqlSession session, List<? extends Statement<?>> statements) {
        List<CompletableFuture<AsyncResultSet>> window = new ArrayList<>(Math.min(IN_FLIGHT, statements.size()));
        for (Statement<?> statement : statements) {
            window.add(session.executeAsync(statement).toCompletableFuture());
            if (window.size() == IN_FLIGHT) {
                joinAll(window);
                window.clear();
            }
        }
        joinAll(window);
    }

    /** Every row of the result, fetching further pages as needed. */
    public static CompletionStage<List<Row>> allRows(CompletionStage<AsyncResultSet> result) {
        return result.thenCompose(page -> collect(page, new ArrayList<>()));
    }

    private static CompletionStage<List<Row>> collect(AsyncResultSet page, List<Row> rows) {
        page.currentPage().forEach(rows::add);
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(rows);
        }
        return page.fetchNextPage().thenCompose(next -> collect(next, rows));
    }

    private static void joinAll(List<CompletableFuture<AsyncResultSet>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
