package cn.mailbox.portal.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server on its own: a real PostgreSQL process, data that survives a stop
 * and a start, and a server left running by a killed portal that the next start
 * reattaches to.
 */
class EmbeddedPostgresIntegrationTests {

	@TempDir
	Path folder;

	@Test
	void keepsItsDataAcrossARestartOnTheSameFolder() throws SQLException {
		EmbeddedPostgres first = EmbeddedPostgres.start(this.folder);
		try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
			statement.execute("create table kept (note text)");
			statement.execute("insert into kept values ('still here')");
		}
		finally {
			first.stop();
		}
		EmbeddedPostgres second = EmbeddedPostgres.start(this.folder);
		try (Connection connection = connect(second);
				ResultSet rows = connection.createStatement().executeQuery("select note from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
			// Written at every start, so an older data folder has them too.
			assertThat(setting(connection, "max_wal_size")).isEqualTo("4GB");
			assertThat(setting(connection, "checkpoint_timeout")).isEqualTo("30s");
			assertThat(setting(connection, "backend_flush_after")).isEqualTo("256kB");
		}
		finally {
			second.stop();
		}
	}

	@Test
	void reattachesToAServerLeftRunningByAKilledPortal() throws SQLException {
		EmbeddedPostgres orphan = EmbeddedPostgres.start(this.folder, false);
		EmbeddedPostgres next = EmbeddedPostgres.start(this.folder);
		try (Connection connection = connect(next);
				ResultSet rows = connection.createStatement().executeQuery("select 1")) {
			assertThat(next.port()).isEqualTo(orphan.port());
			assertThat(rows.next()).isTrue();
		}
		finally {
			next.stop();
		}
	}

	/** The supervisor brings it back; crash recovery keeps what was committed. */
	@Test
	void restartsAKilledServerOnTheSamePortWithItsCommittedData() throws Exception {
		EmbeddedPostgres server = EmbeddedPostgres.start(this.folder);
		try {
			try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
				statement.execute("create table kept (note text)");
				statement.execute("insert into kept values ('committed before the crash')");
			}
			long pid = Long.parseLong(Files.readAllLines(this.folder.resolve("pgdata/postmaster.pid")).get(0).trim());
			ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
			assertThat(postmaster.destroyForcibly()).isTrue();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (true) {
				try (Connection connection = connect(server);
						ResultSet rows = connection.createStatement().executeQuery("select note from kept")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).isEqualTo("committed before the crash");
					break;
				}
				catch (SQLException ex) {
					if (System.nanoTime() > deadline) {
						throw ex;
					}
					Thread.sleep(200);
				}
			}
		}
		finally {
			server.stop();
		}
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (ResultSet value = connection.createStatement().executeQuery("show " + name)) {
			assertThat(value.next()).isTrue();
			return value.getString(1);
		}
	}

	private static Connection connect(EmbeddedPostgres server) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + server.database(),
				server.user(), server.password());
	}

}
