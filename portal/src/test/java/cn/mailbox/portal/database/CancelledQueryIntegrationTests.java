package cn.mailbox.portal.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query whose subscriber goes away while its rows are still arriving must leave its
 * connection fit for the next query. Pages do this whenever one half of a {@code zip}
 * fails: a console page for a letter the user may not see refused the letter while the
 * list of units was still streaming in. Before r2dbc-postgresql 1.1.3 the driver kept
 * such a cancelled conversation at the head of the connection's queue with no demand,
 * once more rows than its buffer (256) had arrived, and every later query on that
 * connection waited for ever: PostgreSQL idle, no thread busy, the pool counting the
 * connection as healthy (pgjdbc/r2dbc-postgresql#661). A deployment meets this only once
 * a table has grown past a few hundred rows, which is why the portal's own tests found it
 * only on a test database that had accumulated 339 units.
 */
class CancelledQueryIntegrationTests {

	/** Hangs are detected, not timed: a healthy answer takes milliseconds. */
	private static final Duration HANG = Duration.ofSeconds(20);

	@TempDir
	static Path folder;

	private static EmbeddedPostgres server;

	private static ConnectionPool pool;

	@BeforeAll
	static void startServer() {
		server = EmbeddedPostgres.start(folder);
		PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(
				PostgresqlConnectionConfiguration.builder()
					.host("127.0.0.1")
					.port(server.port())
					.database(server.database())
					.username(server.user())
					.password(server.password())
					.build());
		// One connection, so the query after a cancelled one is sure to run on the same
		// connection, as it does by chance in the portal's pool of twenty.
		pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory).initialSize(1).maxSize(1).build());
	}

	@AfterAll
	static void stopServer() {
		pool.dispose();
		server.stop();
	}

	@Test
	void aConnectionStaysUsableAfterAQueryIsCancelledWhileItsRowsArrive() {
		DatabaseClient db = DatabaseClient.create(pool);
		for (int attempt = 0; attempt < 40; attempt++) {
			Mono<List<String>> manyRows = db.sql("select repeat('x', 40) || g as v from generate_series(1, 2000) g")
				.map((row) -> row.get("v", String.class))
				.all()
				.collectList();
			// A sibling that fails after a varying moment, so that across the attempts
			// the
			// cancellation lands before, during and after the rows arrive.
			Mono<String> refusal = Mono.delay(Duration.ofMillis(attempt % 8))
				.then(Mono.error(new IllegalStateException("refused")));
			Mono.zip(manyRows, refusal)
				.onErrorResume(IllegalStateException.class, (refused) -> Mono.empty())
				.block(HANG);

			Integer next = db.sql("select 1 as one").map((row) -> row.get("one", Integer.class)).one().block(HANG);
			assertThat(next).as("the query after cancelled attempt %d", attempt).isEqualTo(1);
		}
	}

}
