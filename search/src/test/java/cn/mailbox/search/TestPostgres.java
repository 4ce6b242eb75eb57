package cn.mailbox.search;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A throw-away PostgreSQL server for the comparison evaluation: the same zonky binaries
 * (17.6) the portal embeds, unpacked into a temporary folder, initialised with trust
 * authentication on a free loopback port, and deleted on {@link #close()}.
 * <p>
 * The search module must not depend on the portal, so this is a small test-only copy of
 * what {@code cn.mailbox.portal.database.EmbeddedPostgres} does, including running the
 * server as {@code nobody} when the build runs as root (PostgreSQL refuses root).
 */
final class TestPostgres implements AutoCloseable {

	private static final int NOBODY = 65534;

	private final Path root;

	private final Path pgdata;

	private final boolean asRoot;

	private final int port;

	private TestPostgres(Path root, String locale) throws IOException {
		this.root = root;
		this.pgdata = root.resolve("pgdata");
		this.asRoot = "root".equals(System.getProperty("user.name"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		unpack(root.resolve("binaries"));
		Files.createDirectories(this.pgdata);
		own(this.pgdata);
		run(List.of(bin("initdb"), "-D", this.pgdata.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
				"--locale=" + locale, "--no-instructions"));
		this.port = freePort();
		Path conf = this.pgdata.resolve("postgresql.conf");
		Files.writeString(conf, "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nport = " + this.port
				+ "\nshared_buffers = 256MB\nwork_mem = 16MB\nmax_parallel_workers_per_gather = 0\nfsync = off\n",
				StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
		Path log = root.resolve("postgres.log");
		Files.createFile(log);
		own(log);
		run(List.of(bin("pg_ctl"), "start", "-D", this.pgdata.toString(), "-l", log.toString(), "-w", "-t", "60"));
	}

	/**
	 * Starts a server whose cluster uses the given locale ({@code C.UTF-8} lets pg_trgm
	 * treat Han characters as word characters; in {@code C} it ignores them).
	 */
	static TestPostgres start(Path parent, String locale) throws IOException {
		Files.createDirectories(parent);
		Path root = Files.createTempDirectory(parent.toAbsolutePath(), "postgres-");
		try {
			return new TestPostgres(root, locale);
		}
		catch (IOException | RuntimeException ex) {
			delete(root);
			throw ex;
		}
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/postgres", "postgres", "");
	}

	@Override
	public void close() throws IOException {
		try {
			run(List.of(bin("pg_ctl"), "stop", "-D", this.pgdata.toString(), "-m", "fast", "-w", "-t", "30"));
		}
		finally {
			delete(this.root);
		}
	}

	private static void delete(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private String bin(String name) {
		return this.root.resolve("binaries/bin").resolve(name).toString();
	}

	private void own(Path path) throws IOException {
		if (this.asRoot) {
			Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
		}
	}

	private void run(List<String> command) throws IOException {
		List<String> full = new ArrayList<>();
		if (this.asRoot) {
			full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).directory(this.root.toFile());
		builder.environment().put("LC_ALL", "C");
		builder.environment().remove("PGDATA");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("Failed: " + String.join(" ", command) + "\n" + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted: " + String.join(" ", command), ex);
		}
	}

	private static void unpack(Path target) throws IOException {
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String resource = "postgres-linux-" + (arch.contains("aarch64") || arch.contains("arm") ? "arm_64" : "x86_64")
				+ ".txz";
		URL archive = TestPostgres.class.getClassLoader().getResource(resource);
		if (archive == null) {
			throw new IOException("No zonky PostgreSQL binaries on the test class path: " + resource);
		}
		try (InputStream in = archive.openStream();
				TarArchiveInputStream tar = new TarArchiveInputStream(
						new XZCompressorInputStream(new BufferedInputStream(in)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("Archive entry outside the target folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(path, readableBy(entry.getMode()));
				}
			}
		}
	}

	/**
	 * Readable (and, if executable, runnable) by everyone: the server may run as nobody.
	 */
	private static Set<PosixFilePermission> readableBy(int mode) {
		Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if ((mode & 0100) != 0) {
			perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
					PosixFilePermission.OTHERS_EXECUTE));
		}
		return perms;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
