package dev.chat.adapter.out.jdbc;

import dev.chat.adapter.out.jdbc.route.PostgresRouteTable;
import dev.chat.application.port.RouteTable;
import dev.chat.application.port.contract.RouteTableContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.time.Clock;

/** The PostgreSQL {@link RouteTable} keeps the port's contract on a real PostgreSQL, each test in a schema of its own. */
class PostgresRouteTableTest extends RouteTableContract {
    private ApplicationContext context;

    @Override
    protected RouteTable newTable(Clock clock) {
        context = PostgresStore.open();
        return new PostgresRouteTable(context.getBean(DataSource.class), clock);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }
}
