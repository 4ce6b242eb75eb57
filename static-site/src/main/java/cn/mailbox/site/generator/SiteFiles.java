package cn.mailbox.site.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File writes a reader never sees half done: each file is written to a temporary name in
 * its own folder and renamed over the old one ({@code ATOMIC_MOVE}); a full rebuild is a
 * new folder that replaces the old one by renaming a symbolic link. Blocking: call on the
 * site's own scheduler only.
 */
final class SiteFiles {

	static final String BUILDS = "site-builds";

	private SiteFiles() {
	}

	/** Writes a file under the folder atomically, creating folders as needed. */
	static void write(Path folder, String relativePath, byte[] content) {
		Path target = resolve(folder, relativePath);
		try (OutputStream out = open(target)) {
			out.write(content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens a temporary file next to the target; closing the stream moves it into place.
	 */
	static OutputStream open(Path target) throws IOException {
		Files.createDirectories(target.getParent());
		Path temporary = target.resolveSibling(
				"." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		OutputStream out = Files.newOutputStream(temporary);
		return new java.io.FilterOutputStream(new java.io.BufferedOutputStream(out, 1 << 16)) {

			private boolean closed;

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.out.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				if (this.closed) {
					return;
				}
				this.closed = true;
				try {
					super.close();
					move(temporary, target);
				}
				finally {
					Files.deleteIfExists(temporary);
				}
			}

		};
	}

	/**
	 * Writes a file made of a prefix and then each source file from the given offset on,
	 * copied by the kernel where it can ({@code transferTo}); replaced atomically.
	 */
	static void concatenate(Path folder, String relativePath, byte[] prefix, List<String> sources, long skip) {
		Path target = resolve(folder, relativePath);
		try {
			Files.createDirectories(target.getParent());
			Path temporary = target.resolveSibling(
					"." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
			try {
				try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					out.write(ByteBuffer.wrap(prefix));
					for (String source : sources) {
						try (FileChannel in = FileChannel.open(resolve(folder, source), StandardOpenOption.READ)) {
							long size = in.size();
							for (long at = Math.min(skip, size); at < size;) {
								at += in.transferTo(at, size - at, out);
							}
						}
					}
				}
				move(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path folder, String relativePath) {
		try {
			Files.deleteIfExists(resolve(folder, relativePath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path resolve(Path folder, String relativePath) {
		Path target = folder.resolve(relativePath).normalize();
		if (!target.startsWith(folder)) {
			throw new IllegalArgumentException("Not inside the site: " + relativePath);
		}
		return target;
	}

	/** A fresh folder for a full build, next to the site folder. */
	static Path newBuild(Path root) throws IOException {
		Path builds = root.resolveSibling(BUILDS);
		Files.createDirectories(builds);
		return Files.createTempDirectory(builds, "build-");
	}

	/**
	 * Makes the site folder the given build: the symbolic link {@code root} is replaced
	 * by renaming a new link over it, which readers see all at once. A plain folder left
	 * by an older version is moved aside first; where links are not supported the build
	 * is renamed into place. Old builds are deleted afterwards.
	 */
	static void swap(Path root, Path build) throws IOException {
		if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			Path aside = root.resolveSibling(BUILDS).resolve("previous-" + System.nanoTime());
			Files.move(root, aside, StandardCopyOption.ATOMIC_MOVE);
		}
		Path link = root.resolveSibling("." + root.getFileName() + ".link-" + System.nanoTime());
		boolean linked;
		try {
			Files.createSymbolicLink(link, root.getParent().relativize(build));
			linked = true;
		}
		catch (UnsupportedOperationException | IOException ex) {
			linked = false;
		}
		if (linked) {
			move(link, root);
		}
		else {
			Files.deleteIfExists(root);
			Files.move(build, root, StandardCopyOption.ATOMIC_MOVE);
		}
		Path current = linked ? build.toRealPath() : null;
		try (DirectoryStream<Path> builds = Files.newDirectoryStream(root.resolveSibling(BUILDS))) {
			for (Path old : builds) {
				if (current == null || !old.toRealPath().equals(current)) {
					deleteTree(old);
				}
			}
		}
	}

	/** The folder the site currently is (the link's target). */
	static Path current(Path root) throws IOException {
		return Files.exists(root) ? root.toRealPath() : root;
	}

	static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
