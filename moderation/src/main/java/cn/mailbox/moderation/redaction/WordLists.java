package cn.mailbox.moderation.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the word lists under {@code redaction/} on the classpath: rules as data, so a
 * deployment can review them without reading code. Lines are tab-separated; {@code #}
 * starts a comment line.
 */
final class WordLists {

	private WordLists() {
	}

	/** The rows of {@code redaction/NAME}, each split at tabs. */
	static List<String[]> rows(String name) {
		String path = "redaction/" + name;
		InputStream in = WordLists.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IllegalStateException("Missing word list on the classpath: " + path);
		}
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					rows.add(line.strip().split("\t"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
		return rows;
	}

	/** {@code redaction/confidential-markings.txt} as marking → score. */
	static Map<String, Double> confidentialMarkings() {
		Map<String, Double> markings = new LinkedHashMap<>();
		for (String[] row : rows("confidential-markings.txt")) {
			markings.put(row[0], Double.parseDouble(row[1]));
		}
		return markings;
	}

}
