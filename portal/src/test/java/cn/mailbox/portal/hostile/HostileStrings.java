package cn.mailbox.portal.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written hostile strings of {@code hostile/strings.txt} plus a few that a text
 * file cannot hold (NUL, lone surrogates, very long text). Read once, on the test thread.
 */
final class HostileStrings {

	private static final List<String> HAND_WRITTEN = load();

	private HostileStrings() {
	}

	/** Every hand-written string. */
	static List<String> handWritten() {
		return HAND_WRITTEN;
	}

	/**
	 * Strings Jackson can still write as JSON but PostgreSQL cannot store or a validator
	 * must refuse.
	 */
	static List<String> unstorable() {
		return List.of("nul\u0000byte", "\u0000", "trailing nul\u0000", "\u0000\u0000\u0000");
	}

	/**
	 * Every n-th hand-written string: a smaller sample for the less interesting fields.
	 */
	static List<String> sample(int every) {
		List<String> sample = new ArrayList<>();
		for (int i = 0; i < HAND_WRITTEN.size(); i += every) {
			sample.add(HAND_WRITTEN.get(i));
		}
		return sample;
	}

	private static List<String> load() {
		try (InputStream in = HostileStrings.class.getResourceAsStream("/hostile/strings.txt")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			List<String> strings = new ArrayList<>();
			for (String line : text.split("\n", -1)) {
				if (!line.isEmpty() && !line.startsWith("#")) {
					strings.add(unescape(line));
				}
			}
			return List.copyOf(strings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String unescape(String line) {
		StringBuilder out = new StringBuilder(line.length());
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c != '\\' || i + 1 >= line.length()) {
				out.append(c);
				continue;
			}
			char next = line.charAt(++i);
			switch (next) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case '\\' -> out.append('\\');
				case 'u' -> {
					out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> out.append('\\').append(next);
			}
		}
		return out.toString();
	}

}
