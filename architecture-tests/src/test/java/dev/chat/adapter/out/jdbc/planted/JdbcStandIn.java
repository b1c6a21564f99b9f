package dev.chat.adapter.out.jdbc.planted;

/** A plain JDBC-adapter class for the planted violations to point at; it breaks nothing itself. */
public final class JdbcStandIn {
}
