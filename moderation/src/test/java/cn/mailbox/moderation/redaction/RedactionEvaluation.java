package cn.mailbox.moderation.redaction;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Precision, recall and F2 per kind on (a) the CLUENER2020 dev set (names and addresses
 * in news sentences) and (b) ~500 real letters from tipdm2020c with fake personal data
 * inserted by {@link SyntheticLetters}. A truth span counts as found when spans of its
 * kind cover at least 80% of its chars; a proposed span counts as correct when it
 * overlaps a truth span of its kind. Run with
 * {@code ./mvnw -B -Pevaluate -pl moderation -am test -Dtest=RedactionEvaluation -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RedactionEvaluation {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path data;

	private static Redactor redactor;

	@BeforeAll
	static void setUp() {
		String folder = System.getProperty("mailbox.shared-data");
		data = (folder != null) ? Path.of(folder) : null;
		redactor = new Redactor(RedactionSettings.defaults());
	}

	/**
	 * The data file, or a skipped test (with the reason) when the shared data is absent.
	 */
	private static Path dataFile(String name) {
		assumeTrue(data != null && Files.isDirectory(data),
				"Skipped: shared data folder not found (system property mailbox.shared-data = " + data + ")");
		Path file = data.resolve(name);
		assumeTrue(Files.isRegularFile(file), "Skipped: " + file + " not found");
		return file;
	}

	@Test
	void cluenerDevSet() throws IOException {
		Path file = dataFile("cluener2020/dev.jsonl");
		Scores scores = new Scores();
		for (String line : Files.readAllLines(file)) {
			JsonNode row = JSON.readTree(line);
			String text = row.get("text").asString();
			List<SyntheticLetters.Truth> truth = new ArrayList<>();
			addCluener(row.get("label").get("name"), RedactionKind.NAME, text, truth);
			addCluener(row.get("label").get("address"), RedactionKind.ADDRESS, text, truth);
			scores.add(text, truth, redactor.detect(text, DenyList.NONE));
		}
		scores.print("CLUENER2020 dev (1,343 news sentences; labels name and address)",
				List.of(RedactionKind.NAME, RedactionKind.ADDRESS));
	}

	private static void addCluener(JsonNode entities, RedactionKind kind, String text,
			List<SyntheticLetters.Truth> truth) {
		if (entities == null) {
			return;
		}
		for (var entity : entities.properties()) {
			for (JsonNode range : entity.getValue()) {
				int start = text.offsetByCodePoints(0, range.get(0).asInt());
				int end = text.offsetByCodePoints(0, range.get(1).asInt() + 1);
				truth.add(new SyntheticLetters.Truth(kind, start, end));
			}
		}
	}

	@Test
	void generatedLetters() throws IOException {
		Path file = dataFile("tipdm2020c/fujian4_replies.jsonl");
		List<String> letters = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			String body = JSON.readTree(line).get("留言详情").asString().strip();
			if (body.length() >= 20) {
				letters.add(body);
			}
		}
		Collections.shuffle(letters, new Random(2020));
		letters = letters.subList(0, Math.min(500, letters.size()));
		SyntheticLetters generator = new SyntheticLetters(20201);
		List<SyntheticLetters.Letter> generated = new ArrayList<>();
		for (String letter : letters) {
			generated.add(generator.insertInto(letter));
		}
		// warm up the JIT and HanLP's model so the timing below is the steady state
		for (int round = 0; round < 3; round++) {
			for (SyntheticLetters.Letter letter : generated) {
				redactor.detect(letter.text(), DenyList.NONE);
			}
		}
		Scores scores = new Scores();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long chars = 0;
		long nanos = 0;
		long cpuNanos = 0;
		for (SyntheticLetters.Letter letter : generated) {
			long started = System.nanoTime();
			long cpuStarted = threads.getCurrentThreadCpuTime();
			List<RedactionSpan> spans = redactor.detect(letter.text(), DenyList.NONE);
			cpuNanos += threads.getCurrentThreadCpuTime() - cpuStarted;
			nanos += System.nanoTime() - started;
			chars += letter.text().length();
			scores.add(letter.text(), letter.truth(), spans);
		}
		scores.print("tipdm2020c letters with inserted personal data (" + generated.size() + " letters, seed 20201)",
				List.of(RedactionKind.values()));
		System.out.printf(
				"mean time per 1,000-character letter: %.2f ms wall, %.2f ms CPU (%d letters, %d chars in total)%n",
				nanos / 1e6 / chars * 1000, cpuNanos / 1e6 / chars * 1000, generated.size(), chars);
	}

	/**
	 * Requirement: the writer's own fields never reach public output. Each reply gets the
	 * writer's five fields inserted bare and disguised (spaced, full-width, zero-width,
	 * upper case, address without district); a second pass leaves the name out of the
	 * deny list, says it once in the letter after 我叫 and counts it in the reply
	 * (propagation).
	 */
	@Test
	void writersOwnFieldsInReplies() throws IOException {
		Path file = dataFile("tipdm2020c/fujian4_replies.jsonl");
		List<String[]> pairs = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			JsonNode row = JSON.readTree(line);
			String letter = row.get("留言详情").asString().strip();
			String reply = row.get("答复意见").asString().strip();
			if (letter.length() >= 20 && reply.length() >= 20) {
				pairs.add(new String[] { letter, reply });
			}
		}
		Collections.shuffle(pairs, new Random(2021));
		pairs = pairs.subList(0, Math.min(300, pairs.size()));
		SyntheticLetters generator = new SyntheticLetters(20211);
		Scores denied = new Scores();
		Scores propagated = new Scores();
		for (String[] pair : pairs) {
			SyntheticLetters.Writer writer = generator.writer();
			SyntheticLetters.Letter reply = generator.insertBare(pair[1], writer.rewritten(), writer.kinds());
			List<RedactionSpan> spans = redactor.detectLetter(pair[0], reply.text(), writer.fields()).replySpans();
			denied.add(reply.text(), reply.truth(), spans);
			DenyList withoutName = new DenyList(null, writer.fields().phone(), writer.fields().email(),
					writer.fields().idNumber(), writer.fields().address());
			String name = writer.fields().name();
			String letter = "我叫" + name + "，" + pair[0];
			SyntheticLetters.Letter bareName = generator.insertBare(pair[1], List.of(name),
					List.of(RedactionKind.NAME));
			propagated.add(bareName.text(), bareName.truth(),
					redactor.detectLetter(letter, bareName.text(), withoutName).replySpans());
		}
		denied.print("writer's own fields (deny list) in " + pairs.size() + " real replies, seed 20211",
				List.of(RedactionKind.NAME, RedactionKind.PHONE, RedactionKind.EMAIL, RedactionKind.ID_NUMBER,
						RedactionKind.ADDRESS));
		propagated.print("names said once in the letter, found bare in the reply (" + pairs.size() + " replies)",
				List.of(RedactionKind.NAME));
	}

	/** Per-kind counts. */
	private static final class Scores {

		private final Map<RedactionKind, int[]> counts = new EnumMap<>(RedactionKind.class);

		private final List<String> errors = new ArrayList<>();

		private static String context(String text, int start, int end) {
			return (text.substring(Math.max(0, start - 12), start) + "【" + text.substring(start, end) + "】"
					+ text.substring(end, Math.min(text.length(), end + 12)))
				.replaceAll("\\s+", " ");
		}

		void add(String text, List<SyntheticLetters.Truth> truth, List<RedactionSpan> spans) {
			for (SyntheticLetters.Truth t : truth) {
				int[] c = this.counts.computeIfAbsent(t.kind(), (k) -> new int[4]);
				c[0]++;
				if (covered(t, spans) >= 0.8) {
					c[1]++;
				}
				else {
					this.errors.add("MISSED " + t.kind() + " " + context(text, t.start(), t.end()));
				}
			}
			for (RedactionSpan span : spans) {
				int[] c = this.counts.computeIfAbsent(span.kind(), (k) -> new int[4]);
				c[2]++;
				boolean hit = truth.stream()
					.anyMatch((t) -> t.kind() == span.kind() && span.start() < t.end() && t.start() < span.end());
				if (hit) {
					c[3]++;
				}
				else {
					this.errors.add("EXTRA " + span.kind() + " " + span.score() + " "
							+ context(text, span.start(), span.end()) + " (" + span.explanation() + ")");
				}
			}
		}

		private static double covered(SyntheticLetters.Truth t, List<RedactionSpan> spans) {
			int covered = 0;
			for (int i = t.start(); i < t.end(); i++) {
				final int at = i;
				if (spans.stream().anyMatch((s) -> s.kind() == t.kind() && s.start() <= at && at < s.end())) {
					covered++;
				}
			}
			return (double) covered / (t.end() - t.start());
		}

		void print(String title, List<RedactionKind> kinds) throws IOException {
			Path errorFile = Path.of("target",
					"redaction-errors-" + title.substring(0, 6).strip().replace(' ', '-') + ".txt");
			Files.write(errorFile, this.errors);
			System.out.println();
			System.out.println("== " + title);
			System.out.printf("%-13s %6s %6s %6s %6s %7s %7s %7s%n", "kind", "truth", "found", "spans", "right", "prec",
					"recall", "F2");
			int[] total = new int[4];
			for (RedactionKind kind : kinds) {
				int[] c = this.counts.getOrDefault(kind, new int[4]);
				for (int i = 0; i < 4; i++) {
					total[i] += c[i];
				}
				row(kind.name(), c);
			}
			row("overall", total);
			System.out.println("misses and extra spans: " + errorFile.toAbsolutePath());
		}

		private static void row(String name, int[] c) {
			double precision = (c[2] == 0) ? 1 : (double) c[3] / c[2];
			double recall = (c[0] == 0) ? 1 : (double) c[1] / c[0];
			double f2 = (precision + recall == 0) ? 0 : 5 * precision * recall / (4 * precision + recall);
			System.out.printf("%-13s %6d %6d %6d %6d %7.3f %7.3f %7.3f%n", name, c[0], c[1], c[2], c[3], precision,
					recall, f2);
		}

	}

}
