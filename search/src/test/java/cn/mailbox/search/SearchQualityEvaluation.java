package cn.mailbox.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Known-item search quality on the 2,816 real letters with replies (TipDM 2020 附件4): for
 * ~100 letters, a query as a journalist would type it (two words of the title, or a
 * quoted 4-6 character phrase of the body) must bring that letter into the top 10. Prints
 * recall@10, MRR@10, hits per query and the index build rate for each analysis option.
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl search -am test -Dtest=SearchQualityEvaluation -Dsurefire.failIfNoSpecifiedTests=false}
 */
class SearchQualityEvaluation {

	private static final Pattern PLACE = Pattern.compile("[A-Z]\\d*[市区县]");

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

	private static final int QUERIES_PER_KIND = 50;

	@Test
	void knownItemQueries() throws IOException {
		Path data = Path.of(System.getProperty("mailbox.shared-data", "../shared/data"))
			.resolve("tipdm2020c/fujian4_replies.jsonl");
		assumeTrue(Files.exists(data),
				() -> "Skipped: real data not found at " + data.toAbsolutePath() + " (set -Dmailbox.shared-data=DIR)");
		List<ArchiveDocument> letters = load(data);
		List<KnownItem> development = queries(letters);
		Map<String, List<KnownItem>> heldOut = new LinkedHashMap<>();
		for (long seed : HeldOutQueries.SEEDS) {
			heldOut.put("held-out " + seed, HeldOutQueries.generate(letters, seed));
		}
		System.out.printf("%d letters; development set %d queries (seed 2020), held-out sets %s%n", letters.size(),
				development.size(), heldOut.keySet());
		Map<String, Supplier<TextAnalysis>> options = new LinkedHashMap<>();
		options.put("bigram+unigram", BigramAnalysis::new);
		if (Boolean.getBoolean("mailbox.search.compare")) {
			options.put("smartcn only", () -> new SmartcnAnalysis(false));
			options.put("smartcn+bigram", () -> new SmartcnAnalysis(true));
		}
		for (Map.Entry<String, Supplier<TextAnalysis>> option : options.entrySet()) {
			evaluate(option.getKey(), option.getValue().get(), Ranking.DEFAULT, letters, development, heldOut);
		}
		if (!Boolean.getBoolean("mailbox.search.developmentOnly")) {
			evaluate("old weights", new BigramAnalysis(), RankingTests.BEFORE, letters, development, heldOut);
		}
	}

	private void evaluate(String name, TextAnalysis analysis, Ranking ranking, List<ArchiveDocument> letters,
			List<KnownItem> development, Map<String, List<KnownItem>> heldOut) throws IOException {
		try (ArchiveIndex warmUp = ArchiveIndex.open(new ByteBuffersDirectory(), analysis, ArchiveIndex.DEFAULT_ZONE)) {
			warmUp.rebuild(letters.subList(0, 500), 1);
		}
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory(), analysis, ArchiveIndex.DEFAULT_ZONE,
				ranking)) {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long cpu = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			index.rebuild(letters, 1);
			double seconds = (System.nanoTime() - start) / 1e9;
			double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
			double rate = letters.size() / seconds;
			System.out.printf("%-16s build: %.1f s wall, %.1f s CPU on the indexing thread, %.0f docs/s (wall)%n", name,
					seconds, cpuSeconds, rate);
			for (KnownItem warm : development) {
				index.search(new ArchiveQuery(warm.q(), Map.of(), null, null, null, null, 0, 10, null, false), false);
			}
			System.out.printf("%-16s %-13s %-26s %9s %7s %10s %9s %7s%n", "analysis", "set", "queries", "recall@10",
					"MRR@10", "hits/query", "query ms", "CPU ms");
			report(name, "development", index, development, true);
			if (!Boolean.getBoolean("mailbox.search.developmentOnly")) {
				List<KnownItem> together = new ArrayList<>();
				for (Map.Entry<String, List<KnownItem>> set : heldOut.entrySet()) {
					report(name, set.getKey(), index, set.getValue(),
							Boolean.getBoolean("mailbox.search.heldout.failures"));
					together.addAll(set.getValue());
				}
				report(name, "held-out all", index, together, false);
			}
		}
	}

	/**
	 * The ranking settings tried on the development set only (one index; BM25's k1 and b
	 * act at search time). Ties fall to index order here, not to the newest letter as in
	 * {@link ArchiveIndex}, so figures can differ from {@link #knownItemQueries} by a
	 * query or two.
	 * <p>
	 * {@code ./mvnw -B -Pevaluate -pl search -am test -Dtest=SearchQualityEvaluation#rankingOptions -Dsurefire.failIfNoSpecifiedTests=false}
	 */
	@Test
	void rankingOptions() throws IOException {
		Path data = Path.of(System.getProperty("mailbox.shared-data", "../shared/data"))
			.resolve("tipdm2020c/fujian4_replies.jsonl");
		assumeTrue(Files.exists(data),
				() -> "Skipped: real data not found at " + data.toAbsolutePath() + " (set -Dmailbox.shared-data=DIR)");
		List<ArchiveDocument> letters = load(data);
		List<KnownItem> development = queries(letters);
		Map<String, Ranking> options = new LinkedHashMap<>();
		Ranking base = Ranking.DEFAULT;
		options.put("shipped", base);
		options.put("before (title 2, BM25 1.2/0.75)", new Ranking(2f, 1f, 1f, 0f, 0f, 0, 1.2f, 0.75f));
		for (String spec : System.getProperty("mailbox.search.rankings", "").split(";")) {
			if (!spec.isBlank()) {
				String[] v = spec.strip().split(",");
				options.put(spec.strip(),
						new Ranking(Float.parseFloat(v[0]), Float.parseFloat(v[1]), Float.parseFloat(v[2]),
								Float.parseFloat(v[3]), Float.parseFloat(v[4]), Integer.parseInt(v[5]),
								Float.parseFloat(v[6]), Float.parseFloat(v[7])));
			}
		}
		TextAnalysis analysis = new BigramAnalysis();
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				ArchiveIndex index = ArchiveIndex.open(directory, analysis, ArchiveIndex.DEFAULT_ZONE)) {
			index.rebuild(letters, 1);
			index.commit();
			try (DirectoryReader reader = DirectoryReader.open(directory)) {
				System.out.printf("%-44s %9s %7s %9s %7s %9s %7s%n", "ranking (development set)", "title R", "MRR",
						"phrase R", "MRR", "all R", "MRR");
				for (Map.Entry<String, Ranking> option : options.entrySet()) {
					IndexSearcher searcher = new IndexSearcher(reader);
					searcher.setSimilarity(option.getValue().similarity());
					SearchBoxParser parser = new SearchBoxParser(analysis, Synonyms.load(), option.getValue());
					double[] found = new double[3];
					double[] reciprocal = new double[3];
					for (KnownItem item : development) {
						int kind = item.kind().equals("title words") ? 0 : 1;
						TopDocs top = searcher.search(parser.parse(item.q()), 10);
						for (int rank = 0; rank < top.scoreDocs.length; rank++) {
							Document doc = searcher.storedFields().document(top.scoreDocs[rank].doc);
							if (item.target().trackingNumber().equals(doc.get(ArchiveFields.TRACKING_NUMBER))
									|| (item.target().title().equals(doc.get(SearchBoxParser.TITLE))
											&& java.util.Objects.equals(item.target().letter(),
													doc.get(SearchBoxParser.LETTER)))) {
								found[kind]++;
								found[2]++;
								reciprocal[kind] += 1.0 / (rank + 1);
								reciprocal[2] += 1.0 / (rank + 1);
								break;
							}
						}
					}
					System.out.printf("%-44s %9.3f %7.3f %9.3f %7.3f %9.3f %7.3f%n", option.getKey(),
							found[0] / QUERIES_PER_KIND, reciprocal[0] / QUERIES_PER_KIND, found[1] / QUERIES_PER_KIND,
							reciprocal[1] / QUERIES_PER_KIND, found[2] / development.size(),
							reciprocal[2] / development.size());
				}
			}
		}
	}

	/** Figures per kind and overall; the misses (rank > 10) listed when asked. */
	private static void report(String name, String set, ArchiveIndex index, List<KnownItem> queries,
			boolean listMisses) {
		List<String> kinds = new ArrayList<>(new LinkedHashSet<>(queries.stream().map(KnownItem::kind).toList()));
		kinds.add("all");
		List<String> misses = new ArrayList<>();
		for (String kind : kinds) {
			List<KnownItem> selected = queries.stream()
				.filter((q) -> kind.equals("all") || q.kind().equals(kind))
				.toList();
			double found = 0;
			double reciprocal = 0;
			long hits = 0;
			long queryNanos = 0;
			long cpuNanos = 0;
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			for (KnownItem item : selected) {
				long t = System.nanoTime();
				long cpu = threads.getCurrentThreadCpuTime();
				ArchivePage page = index.search(new ArchiveQuery(item.q(), Map.of(), null, null, null,
						ArchiveSort.RELEVANCE, 0, 10, null, false), false);
				queryNanos += System.nanoTime() - t;
				cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
				hits += page.total();
				int rank = rank(page, item);
				if (rank > 0) {
					found++;
					reciprocal += 1.0 / rank;
				}
				if (rank != 1 && !kind.equals("all")) {
					misses.add(miss(index, item, rank, page));
				}
			}
			System.out.printf("%-16s %-13s %-26s %9.3f %7.3f %10.1f %9.2f %7.2f%n", name, set,
					kind + " " + selected.size(), found / selected.size(), reciprocal / selected.size(),
					(double) hits / selected.size(), queryNanos / 1e6 / selected.size(),
					cpuNanos / 1e6 / selected.size());
		}
		if (listMisses) {
			System.out.printf("%s: not first (rank 0 = not in the top 10):%n", set);
			misses.forEach(System.out::println);
		}
	}

	private static int rank(ArchivePage page, KnownItem item) {
		for (int rank = 0; rank < page.items().size(); rank++) {
			if (item.matches(page.items().get(rank).document())) {
				return rank + 1;
			}
		}
		return 0;
	}

	private static String miss(ArchiveIndex index, KnownItem item, int rank, ArchivePage page) {
		StringBuilder line = new StringBuilder();
		line.append(String.format("  [%s] %s  rank %d of %d  expected: %s%n", item.kind(), item.q(), rank, page.total(),
				item.target().title()));
		page.items()
			.stream()
			.limit(3)
			.forEach((hit) -> line.append(String.format("      %.2f %s%n", hit.score(), hit.document().title())));
		if (rank == 0) {
			ArchivePage deep = index.search(
					new ArchiveQuery(item.q(), Map.of(), null, null, null, ArchiveSort.RELEVANCE, 0, 200, null, false),
					false);
			int deepRank = rank(deep, item);
			line.append(String.format("      (rank within 200: %d)%n", deepRank));
		}
		return line.toString().stripTrailing();
	}

	/** A query and the letter it was made from (or an identical duplicate of it). */
	record KnownItem(String kind, String q, ArchiveDocument target) {

		boolean matches(ArchiveDocument hit) {
			return hit.trackingNumber().equals(this.target.trackingNumber()) || (hit.title().equals(this.target.title())
					&& java.util.Objects.equals(hit.letter(), this.target.letter()));
		}

	}

	private static List<KnownItem> queries(List<ArchiveDocument> letters) throws IOException {
		Random random = new Random(2020);
		List<KnownItem> queries = new ArrayList<>();
		try (Analyzer segmenter = new SmartChineseAnalyzer()) {
			int titleQueries = 0;
			while (titleQueries < QUERIES_PER_KIND) {
				ArchiveDocument letter = letters.get(random.nextInt(letters.size()));
				List<String> words = titleWords(segmenter, letter.title());
				if (words.size() < 2) {
					continue;
				}
				Matcher place = PLACE.matcher(letter.title());
				String first = place.find() ? place.group() : words.remove(random.nextInt(words.size()));
				words.remove(first);
				String second = words.get(random.nextInt(words.size()));
				queries.add(new KnownItem("title words", first + " " + second, letter));
				titleQueries++;
			}
		}
		int phraseQueries = 0;
		while (phraseQueries < QUERIES_PER_KIND) {
			ArchiveDocument letter = letters.get(random.nextInt(letters.size()));
			List<String> runs = HAN.matcher(letter.letter())
				.results()
				.map(java.util.regex.MatchResult::group)
				.filter((run) -> run.length() >= 6)
				.toList();
			if (runs.isEmpty()) {
				continue;
			}
			String run = runs.get(random.nextInt(runs.size()));
			int length = 4 + random.nextInt(3);
			int from = random.nextInt(run.length() - length + 1);
			queries.add(new KnownItem("quoted phrase", "\"" + run.substring(from, from + length) + "\"", letter));
			phraseQueries++;
		}
		return queries;
	}

	/**
	 * Words of two or more Han characters, in order, without repeats (what a journalist
	 * would pick).
	 */
	private static List<String> titleWords(Analyzer segmenter, String title) throws IOException {
		LinkedHashSet<String> words = new LinkedHashSet<>();
		try (TokenStream stream = segmenter.tokenStream("t", title)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String word = term.toString();
				if (word.length() >= 2 && HAN.matcher(word).matches()) {
					words.add(word);
				}
			}
			stream.end();
		}
		return new ArrayList<>(words);
	}

	static List<ArchiveDocument> load(Path data) throws IOException {
		ObjectMapper json = new ObjectMapper();
		List<ArchiveDocument> letters = new ArrayList<>();
		for (String line : Files.readAllLines(data)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode row = json.readTree(line);
			String title = clean(row.get("留言主题").asString());
			Instant received = shanghai(row.get("留言时间_iso").asString());
			Instant replied = shanghai(row.get("答复时间_iso").asString());
			Matcher place = PLACE.matcher(title);
			letters.add(new ArchiveDocument("T" + row.get("留言编号").asString(), "mayor", "other", null,
					place.find() ? place.group() : null, List.of(), title, clean(row.get("留言详情").asString()),
					clean(row.get("答复意见").asString()), received, null, null, replied, replied, 0, 0, true, 0, 0));
		}
		return letters;
	}

	private static Instant shanghai(String iso) {
		return LocalDateTime.parse(iso).atZone(ArchiveIndex.DEFAULT_ZONE).toInstant();
	}

	/**
	 * Removes the HTML-scrape padding: blank runs around line breaks, and at both ends.
	 */
	static String clean(String text) {
		String lines = text.replaceAll("[\\s\\u00a0\\u3000]*\\n[\\s\\u00a0\\u3000]*", "\n");
		return lines.replaceAll("^[\\s\\u00a0\\u3000]+|[\\s\\u00a0\\u3000]+$", "");
	}

}
