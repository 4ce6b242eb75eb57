package cn.mailbox.site.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the site folder holds: the publication-log sequence it reflects (the consumer's
 * cursor), the fingerprint of the templates it was made with, and a digest of the inputs
 * of every file. Kept in the folder itself (never served): a snapshot {@code .manifest}
 * and a journal {@code .manifest-log} of the changes since, so an update appends a few
 * lines instead of rewriting a line per file of the site.
 * <p>
 * A digest is recorded only after its file is written, so every recorded digest is true
 * of the file on disk; the cursor line is appended last, after the batch's files. A crash
 * in between leaves the old cursor (the next run redoes that batch) or a torn last line
 * (ignored). When the journal grows past a quarter of the snapshot it is folded into a
 * new snapshot (written atomically), then removed; replaying a journal left by a crash
 * over the new snapshot gives the same digests. After a deletion (a withdrawn letter) the
 * owner asks for a new snapshot soon, so no file of the folder keeps naming what was
 * withdrawn.
 */
final class Manifest {

	static final String FILE = ".manifest";

	static final String LOG = ".manifest-log";

	private static final String CURSOR = "#cursor ";

	private long cursor;

	private final long fingerprint;

	private final Map<String, Long> digests;

	private final StringBuilder pending = new StringBuilder();

	private long journalLines;

	private boolean forgot;

	Manifest(long cursor, long fingerprint, Map<String, Long> digests) {
		this.cursor = cursor;
		this.fingerprint = fingerprint;
		this.digests = new HashMap<>(digests);
	}

	long cursor() {
		return this.cursor;
	}

	long fingerprint() {
		return this.fingerprint;
	}

	/** The digest of the file's inputs, or {@code null} when the folder lacks it. */
	Long digest(String path) {
		return this.digests.get(path);
	}

	/** Every recorded path and digest (read only). */
	Map<String, Long> digests() {
		return java.util.Collections.unmodifiableMap(this.digests);
	}

	int size() {
		return this.digests.size();
	}

	/** Records a file just written. */
	void put(String path, long digest) {
		Long before = this.digests.put(path, digest);
		if (before == null || before != digest) {
			this.pending.append(path).append('\t').append(Long.toHexString(digest)).append('\n');
		}
	}

	/** Records a file just deleted. */
	void remove(String path) {
		if (this.digests.remove(path) != null) {
			this.pending.append(path).append("\t-\n");
			this.forgot = true;
		}
	}

	/**
	 * Makes the recorded changes and the new cursor durable: appended to the journal, or
	 * a new snapshot when the journal has grown (or there is none yet).
	 */
	void commit(Path folder, long cursor) {
		commit(folder, cursor, false);
	}

	/**
	 * Whether a file was deleted since the last snapshot (its path is in the journal).
	 */
	boolean forgot() {
		return this.forgot;
	}

	/** Commits as {@link #commit(Path, long)}; as a new snapshot when asked. */
	void commit(Path folder, long cursor, boolean snapshotNow) {
		this.cursor = cursor;
		this.pending.append(CURSOR).append(cursor).append('\n');
		long lines = this.pending.chars().filter((c) -> c == '\n').count();
		boolean snapshot = snapshotNow || !Files.exists(folder.resolve(FILE))
				|| this.journalLines + lines > Math.max(1000, this.digests.size() / 4);
		if (snapshot) {
			writeSnapshot(folder);
		}
		else {
			try (FileChannel out = FileChannel.open(folder.resolve(LOG), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
				ByteBuffer bytes = ByteBuffer.wrap(this.pending.toString().getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					out.write(bytes);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.journalLines += lines;
		}
		this.pending.setLength(0);
	}

	private void writeSnapshot(Path folder) {
		StringBuilder text = new StringBuilder(64 + this.digests.size() * 48);
		text.append("cursor ").append(this.cursor).append('\n');
		text.append("fingerprint ").append(Long.toHexString(this.fingerprint)).append('\n');
		new TreeMap<>(this.digests)
			.forEach((path, digest) -> text.append(path).append('\t').append(Long.toHexString(digest)).append('\n'));
		SiteFiles.write(folder, FILE, text.toString().getBytes(StandardCharsets.UTF_8));
		SiteFiles.delete(folder, LOG);
		this.journalLines = 0;
		this.forgot = false;
	}

	/** The folder's manifest, or {@code null} when it has none or it cannot be read. */
	static Manifest read(Path folder) {
		Path file = folder.resolve(FILE);
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			long cursor = Long.parseLong(value(in.readLine(), "cursor"));
			long fingerprint = Long.parseUnsignedLong(value(in.readLine(), "fingerprint"), 16);
			Map<String, Long> digests = new HashMap<>();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				int tab = line.lastIndexOf('\t');
				digests.put(line.substring(0, tab), Long.parseUnsignedLong(line.substring(tab + 1), 16));
			}
			Manifest manifest = new Manifest(cursor, fingerprint, Map.of());
			manifest.digests.putAll(digests);
			manifest.replay(folder.resolve(LOG));
			return manifest;
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private void replay(Path journal) throws IOException {
		if (!Files.exists(journal)) {
			return;
		}
		String text = Files.readString(journal, StandardCharsets.UTF_8);
		int end = text.lastIndexOf('\n') + 1;
		for (String line : text.substring(0, end).split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			this.journalLines++;
			if (line.startsWith(CURSOR)) {
				this.cursor = Long.parseLong(line.substring(CURSOR.length()));
				continue;
			}
			int tab = line.lastIndexOf('\t');
			if (tab <= 0) {
				continue;
			}
			String path = line.substring(0, tab);
			String digest = line.substring(tab + 1);
			if ("-".equals(digest)) {
				this.digests.remove(path);
			}
			else {
				this.digests.put(path, Long.parseUnsignedLong(digest, 16));
			}
		}
	}

	private static String value(String line, String name) {
		if (line == null || !line.startsWith(name + " ")) {
			throw new UncheckedIOException(new IOException("bad manifest line " + line));
		}
		return line.substring(name.length() + 1);
	}

}
