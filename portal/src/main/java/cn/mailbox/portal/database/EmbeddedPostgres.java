package cn.mailbox.portal.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server process that the portal runs for itself when no external
 * database is configured: initialised once under {@code <data-dir>/postgres}, started on
 * a free loopback port, and stopped on shutdown. A later start on the same folder reuses
 * the data (and a server left running by a killed portal).
 *
 * <p>
 * While the portal runs, a supervisor checks the server every second and, when it has
 * died (killed, crashed, out of memory), starts it again on the same port, so the
 * connection pool and the indexer's listener reconnect to the address they already know.
 * PostgreSQL's crash recovery replays its write-ahead log first: every committed
 * transaction is still there. Requests in flight while it is down fail (health is
 * {@code DOWN}); none is answered as if it had succeeded.
 *
 * <p>
 * PostgreSQL refuses to run as root, so when the portal is root the server runs as the
 * unprivileged user {@code nobody} (via {@code setpriv}) and owns only its own data
 * folder.
 */
public final class EmbeddedPostgres {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	static final String USER = "mailbox";

	static final String DATABASE = "postgres";

	private static final int UNPRIVILEGED_UID = 65534;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration SUPERVISION_INTERVAL = Duration.ofSeconds(1);

	private static final Duration RESTART_PATIENCE = Duration.ofSeconds(30);

	private final Path root;

	private final Path binaries;

	private final Path pgdata;

	private final boolean root_user;

	private final String password;

	private int port;

	private boolean stopped;

	private ScheduledExecutorService supervisor;

	private long downSince;

	private boolean reported;

	private EmbeddedPostgres(Path root) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		this.pgdata = this.root.resolve("pgdata");
		this.root_user = new UnixSystem().getUid() == 0;
		Files.createDirectories(this.root);
		if (this.root_user) {
			DataFolders.allowTraversal(this.root);
			Files.setPosixFilePermissions(this.root, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		this.binaries = PostgresBinaries.unpack(this.root);
		this.password = readOrCreatePassword();
	}

	/**
	 * Starts (or reattaches to) the server whose files live under {@code root}, and
	 * supervises it until {@link #stop()}.
	 */
	public static EmbeddedPostgres start(Path root) {
		return start(root, true);
	}

	/**
	 * @param supervise whether to restart the server when it dies (tests that play a
	 * killed portal leave it off, since a dead portal supervises nothing)
	 */
	static EmbeddedPostgres start(Path root, boolean supervise) {
		try {
			EmbeddedPostgres postgres = new EmbeddedPostgres(root);
			postgres.initialiseIfNeeded();
			postgres.startOrReattach();
			if (supervise) {
				postgres.supervise();
			}
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + root, ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String user() {
		return USER;
	}

	public String password() {
		return this.password;
	}

	public String database() {
		return DATABASE;
	}

	/**
	 * Stops the server, first politely (waiting for clients such as the connection pool
	 * to disconnect), then fast. Safe to call more than once.
	 */
	public synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		if (this.supervisor != null) {
			this.supervisor.shutdownNow();
		}
		try {
			if (run(List.of(pgCtl(), "stop", "-D", this.pgdata.toString(), "-m", "smart", "-w", "-t", "5"),
					false) != 0) {
				run(List.of(pgCtl(), "stop", "-D", this.pgdata.toString(), "-m", "fast", "-w", "-t", "30"), true);
			}
			log.info("Embedded PostgreSQL stopped");
		}
		catch (IOException ex) {
			log.warn("Could not stop the embedded PostgreSQL cleanly: {}", ex.getMessage());
		}
	}

	private void supervise() {
		this.supervisor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("embedded-postgres-supervisor")
			.daemon(true)
			.priority(Thread.MAX_PRIORITY)
			.factory());
		long interval = SUPERVISION_INTERVAL.toMillis();
		this.supervisor.scheduleWithFixedDelay(this::restartIfDead, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * One supervision round. Synchronised with {@link #stop()}, so a deliberate stop is
	 * never mistaken for a death, and a restart in progress finishes before the stop.
	 */
	private synchronized void restartIfDead() {
		if (this.stopped || postmasterAlive()) {
			return;
		}
		long now = System.nanoTime();
		if (this.downSince == 0) {
			this.downSince = now;
			log.warn("The embedded PostgreSQL server on 127.0.0.1:{} has died; restarting it on the same port",
					this.port);
		}
		try {
			startOnPort();
			log.info("Embedded PostgreSQL restarted on 127.0.0.1:{}, {} ms after it was found dead", this.port,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.downSince));
			this.downSince = 0;
			this.reported = false;
		}
		catch (IOException | RuntimeException ex) {
			// Usual for a moment: the dead server's processes are still exiting.
			// Retried every round; reported once it lasts.
			if (!this.reported && now - this.downSince > RESTART_PATIENCE.toNanos()) {
				this.reported = true;
				log.error("The embedded PostgreSQL has not restarted for {} s; still retrying every {} s: {}",
						RESTART_PATIENCE.toSeconds(), SUPERVISION_INTERVAL.toSeconds(), ex.getMessage());
			}
		}
	}

	/**
	 * Whether the server process named in {@code postmaster.pid} runs. A zombie (a dead
	 * server whose parent has not reaped it yet) counts as dead.
	 */
	private boolean postmasterAlive() {
		Optional<Long> pid = postmasterPid();
		if (pid.isEmpty()) {
			return false;
		}
		if (Files.exists(Path.of("/proc/self/stat"))) {
			try {
				String line = Files.readString(Path.of("/proc", Long.toString(pid.get()), "stat"));
				char state = line.charAt(line.lastIndexOf(')') + 2);
				return state != 'Z' && state != 'X';
			}
			catch (IOException | RuntimeException ex) {
				return false;
			}
		}
		return ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
	}

	private Optional<Long> postmasterPid() {
		try {
			List<String> lines = Files.readAllLines(this.pgdata.resolve("postmaster.pid"));
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private void initialiseIfNeeded() throws IOException {
		if (Files.exists(this.pgdata.resolve("PG_VERSION"))) {
			return;
		}
		log.info("Initialising the embedded PostgreSQL data folder {}", this.pgdata);
		Path staging = this.root.resolve("pgdata-init");
		DataFolders.deleteRecursively(staging);
		Files.createDirectories(staging);
		Path pwfile = this.root.resolve("initdb.pw");
		Files.writeString(pwfile, this.password, StandardCharsets.UTF_8);
		try {
			ownForServer(staging);
			ownForServer(pwfile);
			run(List.of(bin("initdb"), "-D", staging.toString(), "-U", USER, "--pwfile=" + pwfile, "-A",
					"scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"), true);
		}
		finally {
			Files.deleteIfExists(pwfile);
		}
		Files.writeString(staging.resolve("postgresql.conf"), """

				# Written by the portal: loopback only, no Unix socket (its default folder may not be writable),
				# and the port chosen at each start in portal.conf.
				listen_addresses = '127.0.0.1'
				unix_socket_directories = ''
				max_connections = 100
				shared_buffers = 128MB
				include_if_exists = 'portal.conf'
				""", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
		// Renamed into place only when complete: a crash during initdb leaves no
		// half-made cluster.
		Files.move(staging, this.pgdata);
	}

	/**
	 * The server's settings, written with the port at every start so a data folder made
	 * by an older portal gets them too. A citizen's 201 waits for the commit's log flush,
	 * and so for whatever else the disk is doing; these keep the disk from doing it all
	 * at once ({@code load-tests/README.md}, session 11).
	 * <p>
	 * Left to itself, PostgreSQL writes a table's pages to the kernel's cache and leaves
	 * them there (pages a backend evicts, and new pages, which it writes as zeros when it
	 * extends a file). In a surge the kernel held 250-500 MB of them and wrote them back
	 * every 30 seconds ({@code vm.dirty_expire_centisecs}) in one burst; a log flush
	 * behind a burst took 100-300 ms, the slowest percent of the answers.
	 * <ul>
	 * <li>{@code backend_flush_after = 256kB}: a connection that evicts dirty pages asks
	 * the kernel to start writing them at once (the checkpointer and the background
	 * writer already do, by default).</li>
	 * <li>{@code checkpoint_timeout = 30s}: the checkpointer writes the tables' dirty
	 * pages twice a minute instead of every five, spread over the interval, so nothing
	 * waits in the kernel's cache for its 30 seconds. It costs few full-page images,
	 * because every index a letter goes into grows at its right edge (480 in 40 seconds
	 * against 1.4 million log records), and a quiet server skips checkpoints with nothing
	 * to write.</li>
	 * <li>{@code max_wal_size = 4GB}: a checkpoint is never started by the log's volume
	 * (with the default 1 GB and five-minute checkpoints, a surge started one every 70
	 * seconds, back to back). The log takes up to 4 GB of the data folder's disk.</li>
	 * </ul>
	 * Together the disk took a steady 20-25 MB a second, and the load benchmark's p99.9
	 * fell from 220-420 ms to 58-98 ms, while raw inserts (pgbench) ran about as fast as
	 * before. An operator overrides any of them with {@code ALTER SYSTEM}: PostgreSQL
	 * reads {@code postgresql.auto.conf} after this file.
	 */
	static final String SETTINGS = "max_wal_size = 4GB\ncheckpoint_timeout = 30s\nbackend_flush_after = 256kB\n";

	private void startOrReattach() throws IOException {
		Integer running = runningPort();
		if (running != null) {
			this.port = running;
			log.info("Reattached to the embedded PostgreSQL already running on 127.0.0.1:{}", this.port);
			return;
		}
		this.port = freePort();
		Path conf = this.pgdata.resolve("portal.conf");
		Files.writeString(conf, "port = " + this.port + "\n" + SETTINGS, StandardCharsets.UTF_8);
		ownForServer(conf);
		long started = System.nanoTime();
		startOnPort();
		log.info("Embedded PostgreSQL started on 127.0.0.1:{} in {} ms (data in {})", this.port,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), this.pgdata);
	}

	/** Starts the server on the port already written to {@code portal.conf}. */
	private void startOnPort() throws IOException {
		Path logFile = this.root.resolve("postgres.log");
		if (!Files.exists(logFile)) {
			Files.createFile(logFile);
		}
		ownForServer(logFile);
		run(List.of(pgCtl(), "start", "-D", this.pgdata.toString(), "-l", logFile.toString(), "-w", "-t",
				Long.toString(START_TIMEOUT.toSeconds())), true);
	}

	/**
	 * The port of a server still running on this folder, for instance after the portal
	 * was killed.
	 */
	private Integer runningPort() throws IOException {
		Path pidFile = this.pgdata.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return null;
		}
		if (run(List.of(pgCtl(), "status", "-D", this.pgdata.toString()), false) != 0) {
			return null;
		}
		List<String> lines = Files.readAllLines(pidFile);
		return (lines.size() > 3) ? Integer.parseInt(lines.get(3).trim()) : null;
	}

	private String readOrCreatePassword() throws IOException {
		Path file = this.root.resolve("password");
		if (Files.exists(file)) {
			return Files.readString(file).trim();
		}
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		String secret = HexFormat.of().formatHex(bytes);
		Files.writeString(file, secret, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return secret;
	}

	private void ownForServer(Path path) throws IOException {
		if (!this.root_user) {
			return;
		}
		try (var paths = Files.walk(path)) {
			for (Path each : (Iterable<Path>) paths::iterator) {
				Files.setAttribute(each, "unix:uid", UNPRIVILEGED_UID, java.nio.file.LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(each, "unix:gid", UNPRIVILEGED_UID, java.nio.file.LinkOption.NOFOLLOW_LINKS);
			}
		}
	}

	private int run(List<String> command, boolean mustSucceed) throws IOException {
		List<String> full = new ArrayList<>();
		if (this.root_user) {
			full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID,
					"--clear-groups", "--"));
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		builder.environment().put("LC_ALL", "C");
		builder.environment().remove("PGDATA");
		builder.directory(this.root.toFile());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("Timed out: " + String.join(" ", command));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted: " + String.join(" ", command), ex);
		}
		if (mustSucceed && process.exitValue() != 0) {
			throw new IOException("Command failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n"
					+ output + logTail());
		}
		return process.exitValue();
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.root.resolve("postgres.log"));
			return "\npostgres.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private String pgCtl() {
		return bin("pg_ctl");
	}

	private String bin(String name) {
		return this.binaries.resolve("bin").resolve(name).toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
