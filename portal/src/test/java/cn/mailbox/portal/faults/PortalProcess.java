package cn.mailbox.portal.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged portal ({@code portal/target/portal.jar}) as a child process on its own
 * data folder and port, started with the java that runs the test, so the fault test kills
 * the same program an operator runs.
 */
final class PortalProcess implements AutoCloseable {

	static final String ADMIN_PASSWORD = "fault-test-admin";

	private final Path jar;

	private final Path dataDir;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process process;

	PortalProcess(Path jar, Path dataDir) throws IOException {
		this.jar = jar;
		this.dataDir = dataDir;
		this.port = freePort();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	void start() throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", this.jar.toString(),
				"--server.port=" + this.port, "--portal.data-dir=" + this.dataDir,
				// The test's writers are many letters from one address: not what the rate
				// limits are about.
				"--portal.rate-limits.exempt=127.0.0.1,::1");
		builder.environment().put("PORTAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dataDir.resolve("portal.log").toFile()));
		this.process = builder.start();
	}

	/** Polls the readiness probe; answers how long the portal took to become ready. */
	Duration awaitReady(Duration timeout) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The portal exited with " + this.process.exitValue() + "; see " + this.dataDir + "/portal.log");
			}
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - started);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The portal was not ready within " + timeout);
	}

	/** SIGKILL: no shutdown hook, no graceful stop, the database server is orphaned. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGKILL to the embedded PostgreSQL server (the postmaster) under the portal. */
	long killDatabase() throws IOException {
		long pid = databasePid().orElseThrow(() -> new IllegalStateException("No postmaster.pid"));
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		return pid;
	}

	/**
	 * A JDBC connection to the embedded server, found the way an operator would. Waits up
	 * to a minute for a server that is not accepting connections: after a database kill
	 * the portal's supervisor restarts it within seconds, and a check may come first (a
	 * letter begun just before the kill can still be committed by a backend that has not
	 * yet noticed its postmaster is gone, and so count as accepted after the fault).
	 */
	Connection connect() throws IOException, SQLException, InterruptedException {
		String password = Files.readString(this.dataDir.resolve("postgres/password")).trim();
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			try {
				List<String> lines = Files.readAllLines(pgdata().resolve("postmaster.pid"));
				return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/postgres",
						"mailbox", password);
			}
			catch (IOException | SQLException | IndexOutOfBoundsException notAccepting) {
				boolean down = !(notAccepting instanceof SQLException sql) || sql.getSQLState() == null
						|| sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P03");
				if (!down || System.nanoTime() > deadline) {
					throw notAccepting;
				}
				Thread.sleep(200);
			}
		}
	}

	/**
	 * SIGTERM (graceful), then makes sure neither the portal nor its database is left.
	 */
	@Override
	public void close() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		Optional<ProcessHandle> postmaster = databasePid().flatMap(ProcessHandle::of);
		if (postmaster.isPresent() && postmaster.get().isAlive()) {
			postmaster.get().destroy();
			postmaster.get().onExit().get(30, TimeUnit.SECONDS);
		}
	}

	private Optional<Long> databasePid() throws IOException {
		Path file = pgdata().resolve("postmaster.pid");
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(file);
		return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
	}

	private Path pgdata() {
		return this.dataDir.resolve("postgres/pgdata");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
