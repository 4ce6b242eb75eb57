package cn.mailbox.portal.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads the real data for evaluation and training from {@code mailbox.shared-data}; never
 * used by the default tests.
 */
final class SharedData {

	/**
	 * The tipdm2020c files that hold raw letter text (the 9 210-row file is tokenised).
	 */
	static final List<String> LETTER_FILES = List.of("fujian2_sample495_labeled.jsonl",
			"fujian2_testdata2801_unlabeled.jsonl", "fujian3_hot_issues.jsonl", "fujian4_replies.jsonl");

	private SharedData() {
	}

	record Sms(long id, boolean spam, String text) {
	}

	record Letter(String file, long id, String user, String title, String body) {

		String text() {
			return this.title + "\n" + this.body;
		}

	}

	/**
	 * The data folder, when the command named this evaluation explicitly
	 * ({@code -Dtest=Name}): a pattern such as {@code cn.mailbox.portal.screening.**}
	 * also selects evaluation classes, and those must not run (or rewrite the model) as
	 * part of a package's unit tests.
	 */
	static Path folder(Class<?> evaluation) {
		assumeTrue(System.getProperty("test", "").contains(evaluation.getSimpleName()),
				"Skipped: run with -Pevaluate -Dtest=" + evaluation.getSimpleName());
		String property = System.getProperty("mailbox.shared-data");
		Path folder = (property != null) ? Path.of(property) : null;
		assumeTrue(
				folder != null && Files.isDirectory(folder.resolve("spam-sms-zh"))
						&& Files.isDirectory(folder.resolve("tipdm2020c")),
				"Skipped: no shared data (set -Dmailbox.shared-data to the folder with spam-sms-zh and tipdm2020c)");
		return folder;
	}

	static List<Sms> sms(Path folder) throws IOException {
		List<Sms> rows = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(folder.resolve("spam-sms-zh/sms_50k.csv"),
				StandardCharsets.UTF_8)) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				List<String> fields = csvFields(line);
				rows.add(new Sms(Long.parseLong(fields.get(0)), "1".equals(fields.get(1)), fields.get(2)));
			}
		}
		return rows;
	}

	static List<Letter> letters(Path folder) throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		List<Letter> letters = new ArrayList<>();
		for (String file : LETTER_FILES) {
			for (String line : Files.readAllLines(folder.resolve("tipdm2020c").resolve(file), StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode node = mapper.readTree(line);
				letters.add(new Letter(file, node.path("留言编号").asLong(), node.path("留言用户").asString(""),
						trim(node.path("留言主题").asString("")), trim(node.path("留言详情").asString(""))));
			}
		}
		return letters;
	}

	/** Strips the scrape padding: whitespace, ideographic spaces and no-break spaces. */
	static String trim(String text) {
		return text.strip().replaceAll("^[\\s\\u00a0\\u3000]+|[\\s\\u00a0\\u3000]+$", "");
	}

	private static List<String> csvFields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',' && fields.size() < 2) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
