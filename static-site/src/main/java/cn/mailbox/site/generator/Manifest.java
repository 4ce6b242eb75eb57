package cn.mailbox.site.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the site folder holds: the publication-log sequence it reflects (the consumer's
 * cursor), the fingerprint of the templates it was made with, and a digest of the inputs
 * of every file. Kept in the folder itself ({@code .manifest}, never served), written
 * atomically after the files, so the folder and its cursor move together; a crash in
 * between only makes the next run redo some work.
 *
 * @param cursor the last publication-log sequence applied
 * @param fingerprint the templates' fingerprint
 * @param digests digest of each file's inputs, by path
 */
record Manifest(long cursor, long fingerprint, Map<String, Long> digests) {

	static final String FILE = ".manifest";

	static Manifest read(Path folder) {
		Path file = folder.resolve(FILE);
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			long cursor = Long.parseLong(value(in.readLine(), "cursor"));
			long fingerprint = Long.parseUnsignedLong(value(in.readLine(), "fingerprint"), 16);
			TreeMap<String, Long> digests = new TreeMap<>();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				int tab = line.lastIndexOf('\t');
				digests.put(line.substring(0, tab), Long.parseUnsignedLong(line.substring(tab + 1), 16));
			}
			return new Manifest(cursor, fingerprint, digests);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	void write(Path folder) {
		StringBuilder text = new StringBuilder(64 + this.digests.size() * 48);
		text.append("cursor ").append(this.cursor).append('\n');
		text.append("fingerprint ").append(Long.toHexString(this.fingerprint)).append('\n');
		Map<String, Long> sorted = (this.digests instanceof TreeMap<String, Long> tree && tree.comparator() == null)
				? tree : new TreeMap<>(this.digests);
		sorted.forEach((path, digest) -> text.append(path).append('\t').append(Long.toHexString(digest)).append('\n'));
		SiteFiles.write(folder, FILE, text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static String value(String line, String name) {
		if (line == null || !line.startsWith(name + " ")) {
			throw new UncheckedIOException(new IOException("bad manifest line " + line));
		}
		return line.substring(name.length() + 1);
	}

}
