import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;

/**
 * Readiness check for cassandra-start: connects over CQL and reads the server's release version.
 * It uses the 3.x driver that ships inside the Cassandra server's own classpath, so no other jar is needed.
 * Usage: java -cp <server classpath> CqlReady HOST PORT
 */
public final class CqlReady {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9042;
        try (Cluster cluster = Cluster.builder().addContactPoint(host).withPort(port)
                .withoutJMXReporting().withoutMetrics().build();
             Session session = cluster.connect()) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            System.out.println(row.getString("release_version"));
        } catch (RuntimeException e) {
            System.err.println("not ready: " + e);
            System.exit(1);
        }
    }
}
