package cn.mailbox.portal.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries packaged on Maven Central by the zonky project, unpacked
 * once into the data folder. Shipping them in the jar is what lets a fresh machine run
 * the whole system with one command and no PostgreSQL installed.
 */
final class PostgresBinaries {

	private static final String MARKER = ".unpacked-from";

	private PostgresBinaries() {
	}

	/**
	 * Unpacks the archive for this platform under {@code root}, unless the same archive
	 * was unpacked there before, and returns the folder holding {@code bin/}.
	 */
	static Path unpack(Path root) {
		String resource = resourceName();
		URL archive = PostgresBinaries.class.getClassLoader().getResource(resource);
		if (archive == null) {
			throw new IllegalStateException("No embedded PostgreSQL binaries for this platform (" + resource
					+ "); point the portal at an external PostgreSQL with spring.r2dbc.url,"
					+ " or set portal.embedded-db.binaries to a PostgreSQL installation");
		}
		Path target = root.resolve("binaries");
		try {
			Path marker = target.resolve(MARKER);
			if (Files.exists(marker) && Files.readString(marker).equals(archive.toString())) {
				return target;
			}
			Files.createDirectories(root);
			Path staging = Files.createTempDirectory(root, "binaries-");
			try (InputStream in = archive.openStream()) {
				extract(in, staging);
			}
			Files.writeString(staging.resolve(MARKER), archive.toString(), StandardCharsets.UTF_8);
			makeWorldReadable(staging);
			DataFolders.deleteRecursively(target);
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack the embedded PostgreSQL binaries into " + target, ex);
		}
	}

	private static String resourceName() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String osName = os.contains("mac") ? "darwin" : (os.contains("win") ? "windows" : "linux");
		String archName = switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
		return "postgres-" + osName + "-" + archName + ".txz";
	}

	private static void extract(InputStream in, Path target) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZCompressorInputStream(new BufferedInputStream(in)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("Archive entry outside the target folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.deleteIfExists(path);
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(path, permissions(entry.getMode()));
				}
			}
		}
	}

	/**
	 * PostgreSQL may run as another user than the one that unpacked it (see
	 * EmbeddedPostgres).
	 */
	private static void makeWorldReadable(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				if (Files.isSymbolicLink(path)) {
					continue;
				}
				Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(path));
				perms.add(PosixFilePermission.OTHERS_READ);
				perms.add(PosixFilePermission.GROUP_READ);
				if (Files.isDirectory(path) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
					perms.add(PosixFilePermission.OTHERS_EXECUTE);
					perms.add(PosixFilePermission.GROUP_EXECUTE);
				}
				Files.setPosixFilePermissions(path, perms);
			}
		}
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int bit = 0; bit < order.length; bit++) {
			if ((mode & (1 << bit)) != 0) {
				perms.add(order[bit]);
			}
		}
		perms.add(PosixFilePermission.OWNER_READ);
		perms.add(PosixFilePermission.OWNER_WRITE);
		return perms;
	}

}
