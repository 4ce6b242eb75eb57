package cn.mailbox.moderation.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Top-1 and top-3 accuracy of the suggested routing on the TipDM 2020 C letters (all 9
 * 210 labelled letters, tokenised; the 7 first-level categories stand in for units):
 * seeded 80/20 split, the index built from the 80 %, the 20 % suggested.
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl moderation -am test -Dtest=RoutingEvaluation -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class RoutingEvaluation {

	private static final long SEED = 42;

	record Labelled(String text, String label) {
	}

	@Test
	void measuresTopOneAndTopThreeAccuracy(@TempDir Path temp) throws IOException {
		String property = System.getProperty("mailbox.shared-data");
		Path file = (property != null) ? Path.of(property, "tipdm2020c", "fujian2_full9210_tokenized.csv") : null;
		assumeTrue(file != null && Files.isRegularFile(file),
				"Skipped: no shared data (set -Dmailbox.shared-data to the folder with tipdm2020c)");
		List<Labelled> rows = read(file);
		Collections.shuffle(rows, new Random(SEED));
		List<Labelled> train = rows.subList(0, rows.size() * 4 / 5);
		List<Labelled> test = rows.subList(rows.size() * 4 / 5, rows.size());
		System.out.printf("Routing: %d letters, %d indexed, %d held out%n", rows.size(), train.size(), test.size());
		List<RoutingIndex.Tuning> tunings = Boolean.getBoolean("sweep")
				? List.of(new RoutingIndex.Tuning(10, 60), new RoutingIndex.Tuning(20, 30),
						new RoutingIndex.Tuning(20, 60), new RoutingIndex.Tuning(20, 120),
						new RoutingIndex.Tuning(40, 60), new RoutingIndex.Tuning(40, 120))
				: List.of(RoutingIndex.Tuning.DEFAULTS);
		int run = 0;
		for (RoutingIndex.Tuning tuning : tunings) {
			try (RoutingIndex index = RoutingIndex.open(temp.resolve("routing-" + run++), tuning)) {
				long started = System.nanoTime();
				for (int i = 0; i < train.size(); i++) {
					index.add("L" + i, "", train.get(i).text(), List.of(train.get(i).label()));
				}
				index.refresh();
				long indexed = System.nanoTime();
				int top1 = 0;
				int top3 = 0;
				java.util.Set<String> indexedTexts = new java.util.HashSet<>();
				train.forEach((row) -> indexedTexts.add(row.text()));
				int unseen = 0;
				int unseenTop1 = 0;
				int unseenTop3 = 0;
				for (Labelled row : test) {
					List<SuggestedUnit> units = index.suggest(null, "", row.text(), 3);
					boolean first = !units.isEmpty() && units.get(0).unit().equals(row.label());
					boolean three = units.stream().anyMatch((u) -> u.unit().equals(row.label()));
					top1 += first ? 1 : 0;
					top3 += three ? 1 : 0;
					if (!indexedTexts.contains(row.text())) {
						unseen++;
						unseenTop1 += first ? 1 : 0;
						unseenTop3 += three ? 1 : 0;
					}
				}
				System.out.printf(
						"  held-out letters whose text is not also indexed (exact reposts removed): %d, top-1 %.4f, top-3 %.4f%n",
						unseen, unseenTop1 / (double) unseen, unseenTop3 / (double) unseen);
				long done = System.nanoTime();
				System.out.printf(
						"  %s: top-1 %.4f, top-3 %.4f (indexing %.1f s, %.2f ms per suggestion; shared 2-core machine)%n",
						tuning, top1 / (double) test.size(), top3 / (double) test.size(), (indexed - started) / 1e9,
						(done - indexed) / 1e6 / test.size());
			}
		}
	}

	/**
	 * RFC 4180 with quoted fields that may hold newlines; the label is the last field.
	 */
	static List<Labelled> read(Path file) throws IOException {
		String content = Files.readString(file, StandardCharsets.UTF_8);
		List<Labelled> rows = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean header = true;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
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
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				if (!header && fields.size() >= 3) {
					rows.add(new Labelled(fields.get(1), fields.get(fields.size() - 1)));
				}
				header = false;
				fields.clear();
			}
			else {
				field.append(c);
			}
		}
		if (!fields.isEmpty() || field.length() > 0) {
			fields.add(field.toString());
			if (fields.size() >= 3) {
				rows.add(new Labelled(fields.get(1), fields.get(fields.size() - 1)));
			}
		}
		return rows;
	}

}
