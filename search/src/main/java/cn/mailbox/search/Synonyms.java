package cn.mailbox.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups of interchangeable municipal names (违建 = 违法建设), read from {@code synonyms.txt}.
 * <p>
 * Applied when the query is built, not when the index is, so editing the list needs no
 * re-indexing, and a query for either form finds both.
 */
final class Synonyms {

	static final String RESOURCE = "synonyms.txt";

	private static final int MAX_VARIANTS = 8;

	private final List<List<String>> groups;

	Synonyms(List<List<String>> groups) {
		this.groups = groups.stream().map(List::copyOf).toList();
	}

	static Synonyms load() {
		try (InputStream in = Synonyms.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + RESOURCE);
			}
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One group per line, members separated by commas; {@code #} starts a comment. */
	static Synonyms parse(List<String> lines) {
		List<List<String>> groups = new ArrayList<>();
		for (String line : lines) {
			int hash = line.indexOf('#');
			String content = (hash >= 0) ? line.substring(0, hash) : line;
			List<String> members = Arrays.stream(content.split("[,，]"))
				.map(String::strip)
				.filter((member) -> !member.isEmpty())
				.map((member) -> member.toLowerCase(Locale.ROOT))
				.distinct()
				.toList();
			if (members.size() > 1) {
				groups.add(members);
			}
		}
		return new Synonyms(groups);
	}

	int size() {
		return this.groups.size();
	}

	/**
	 * The text itself followed by the text with the first listed name it contains
	 * replaced by each other member of its group.
	 */
	Set<String> expand(String text) {
		Set<String> variants = new LinkedHashSet<>();
		variants.add(text);
		String lower = text.toLowerCase(Locale.ROOT);
		for (List<String> group : this.groups) {
			for (String member : group) {
				if (lower.contains(member)) {
					for (String other : group) {
						if (variants.size() < MAX_VARIANTS) {
							variants.add(lower.replace(member, other));
						}
					}
					return variants;
				}
			}
		}
		return variants;
	}

}
