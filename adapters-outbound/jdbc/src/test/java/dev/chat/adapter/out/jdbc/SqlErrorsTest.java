package dev.chat.adapter.out.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unique violations are recognised however the driver wraps them, and descriptions never quote row data. */
class SqlErrorsTest {
    @Test
    void a_unique_violation_is_found_in_a_batch_failure_and_in_causes() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", new int[0]);
        batch.setNextException(new SQLException("duplicate key", "23505"));

        assertThat(SqlErrors.isUniqueViolation(batch)).isTrue();
        assertThat(SqlErrors.isUniqueViolation(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(SqlErrors.isUniqueViolation(new SQLException("too long", "22001"))).isFalse();
    }

    @Test
    void a_description_keeps_the_kind_of_failure_and_drops_the_quoted_data() {
        SQLException h2 = new SQLException("Unique index or primary key violation: \"PUBLIC.PK ON PUBLIC.MESSAGE_LOG"
                + " VALUES ( /* 1 */ 'private words', 42)\"", "23505");

        String description = SqlErrors.describe(new IllegalStateException("append failed", h2));

        assertThat(description).contains("IllegalStateException", "SQLException[23505]", "Unique index")
                .doesNotContain("private words");
    }
}
