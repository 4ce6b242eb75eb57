package cn.mailbox.portal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system chores around the embedded server's folders. */
final class DataFolders {

	private static final Logger log = LoggerFactory.getLogger(DataFolders.class);

	private DataFolders() {
	}

	static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * Lets an unprivileged user reach {@code folder}: every ancestor needs the search (x)
	 * bit for others. Only called when the portal runs as root, where PostgreSQL must run
	 * as another user; it grants traversal, never listing or reading.
	 */
	static void allowTraversal(Path folder) throws IOException {
		for (Path dir = folder.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
			Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
			if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
				perms.add(PosixFilePermission.OTHERS_EXECUTE);
				Files.setPosixFilePermissions(dir, perms);
				log.warn(
						"Granted others the search (x) permission on {} so the unprivileged PostgreSQL server can reach its data",
						dir);
			}
		}
	}

}
