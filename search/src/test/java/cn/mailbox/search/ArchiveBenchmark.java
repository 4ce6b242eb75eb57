package cn.mailbox.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The archive at one million records: index build rate, query latency for a mix of
 * queries, raw {@link IndexSearcher} throughput and the {@link ReactiveArchive}'s
 * throughput.
 * <p>
 * The records are synthetic (the real data has 2,816 letters with replies), made of the
 * real letters' words in their real order: titles, letters and replies are windows of the
 * jieba-segmented TipDM 附件2 (9,210 letters, 1.3 million words), joined without spaces as
 * Chinese is written, with random mailbox, nature, field, region, units, dates and
 * timers. Nothing is written to the repository; the index lives in
 * {@code -Dmailbox.benchmark.index} (default {@code target/benchmark-index}), built by
 * {@link BulkLoad} with {@code -Dmailbox.benchmark.threads} threads and deleted at the
 * start of each run. {@code -Dmailbox.benchmark.records=20000} makes a quick dry run;
 * {@code -Dmailbox.benchmark.reuse=true} keeps the index from the previous run and
 * measures the queries only.
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl search -am test -Dtest=ArchiveBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class ArchiveBenchmark {

	private static final int RECORDS = Integer.getInteger("mailbox.benchmark.records", 1_000_000);

	private static final boolean REUSE = Boolean.getBoolean("mailbox.benchmark.reuse");

	/** Where the index lives; a folder outside target/ survives {@code mvn clean}. */
	private static final Path FOLDER = Path.of(System.getProperty("mailbox.benchmark.index", "target/benchmark-index"))
		.toAbsolutePath();

	private static final int BUILD_THREADS = Integer.getInteger("mailbox.benchmark.threads",
			Runtime.getRuntime().availableProcessors());

	private static final double RAM_BUFFER_MB = Double
		.parseDouble(System.getProperty("mailbox.benchmark.ram-buffer-mb", "256"));

	private static final Duration QPS_WINDOW = Duration.ofSeconds(20);

	private static final Pattern TWO_HAN = Pattern.compile("\\p{IsHan}{2}");

	private static final List<String> MAILBOXES = List.of("mayor", "mayor", "mayor", "secretary", "hotline");

	private static final List<String> NATURES = List.of("complaint", "complaint", "consultation", "consultation",
			"suggestion", "report", "praise");

	private static final List<String> FIELDS = List.of("城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输",
			"党务政务", "农村农业", "国土资源", "政法", "民政", "科技与信息产业", "纪检监察", "经济管理");

	private static final List<String> BUREAUS = List.of("住房和城乡建设局", "城市管理局", "人力资源和社会保障局", "教育局", "市场监督管理局", "生态环境局",
			"卫生健康委员会", "交通运输局", "公安局", "自然资源和规划局", "民政局", "街道办事处");

	private static final Instant EPOCH = Instant.parse("2015-01-01T00:00:00Z");

	@Test
	void millionRecords() throws Exception {
		Path tokens = Path.of(System.getProperty("mailbox.shared-data", "../shared/data"))
			.resolve("tipdm2020c/fujian2_full9210_tokenized.csv");
		assumeTrue(Files.exists(tokens), () -> "Skipped: real data not found at " + tokens.toAbsolutePath()
				+ " (set -Dmailbox.shared-data=DIR)");
		Corpus corpus = Corpus.load(tokens);
		System.out.printf("vocabulary: %,d words, %,d running words; %,d records, %d cores, max heap %d MB%n",
				corpus.vocabulary().length, corpus.stream().length, RECORDS, Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20);
		Path folder = FOLDER;
		QuerySet queries = QuerySet.sample(corpus, new Random(7));
		if (!REUSE || !Files.exists(folder)) {
			delete(folder);
			build(corpus, folder);
		}
		System.out.printf("%s; load average %s%n", java.time.Instant.now(), loadAverage());
		try (ArchiveIndex index = ArchiveIndex.open(folder)) {
			assertThat(index.count()).isEqualTo(RECORDS);
			latencies(index, queries);
			reactiveThroughput(index, queries);
		}
		rawSearcherThroughput(folder, queries);
	}

	private static void build(Corpus corpus, Path folder) throws IOException {
		Records records = new Records(corpus, RECORDS);
		System.out.printf("building %,d records in %s with %d threads, RAM buffer %.0f MB; load average %s%n", RECORDS,
				folder, BUILD_THREADS, RAM_BUFFER_MB, loadAverage());
		BulkLoad.Result built = new BulkLoad(BUILD_THREADS, RAM_BUFFER_MB).load(folder, RECORDS, records::record,
				(n, seconds) -> System.out.printf("  %,d records indexed after %.0f s (load average %s)%n", n, seconds,
						loadAverage()));
		long bytes;
		int segments;
		try (var files = Files.list(folder)) {
			bytes = files.mapToLong((file) -> file.toFile().length()).sum();
		}
		try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
			segments = reader.leaves().size();
			assertThat(reader.numDocs()).isEqualTo(RECORDS);
		}
		System.out.printf(
				"build: %,d records (avg %.0f characters: title %.0f, letter %.0f, reply %.0f) with %d threads in %.1f s wall"
						+ " (last document added at %.1f s, then one commit) = %,.0f docs/s; %.1f s JVM CPU = %,.0f docs/CPU-s;"
						+ " index %,d MB in %d segments; load average %s%n",
				built.records(), records.averageCharacters(), records.averageTitle(), records.averageLetter(),
				records.averageReply(), built.threads(), built.seconds(), built.indexedSeconds(),
				built.records() / built.seconds(), built.cpuSeconds(), built.records() / built.cpuSeconds(),
				bytes >> 20, segments, loadAverage());
	}

	/** The 1, 5 and 15 minute load averages of the machine. */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void latencies(ArchiveIndex index, QuerySet queries) {
		for (int i = 0; i < 100; i++) {
			index.search(queries.terms().get(i % queries.terms().size()));
			index.search(queries.filtered().get(i % queries.filtered().size()));
		}
		System.out.printf("%-34s %6s %9s %9s %9s %12s%n", "query kind (size 20, with snippets)", "n", "p50 ms",
				"p99 ms", "max ms", "avg hits");
		measure(index, "one 2-character word", queries.terms());
		measure(index, "two words", queries.pairs());
		measure(index, "quoted 4-character phrase", queries.phrases());
		measure(index, "word + region + year, facets", queries.filtered());
		measure(index, "no text, newest, facets", queries.browse());
		measure(index, "page 500 of 20 (page/size)", queries.lastPages());
		List<Long> nanos = new ArrayList<>();
		long hits = 0;
		for (ArchiveQuery first : queries.deep()) {
			ArchiveQuery query = first;
			for (int page = 0; page < 50; page++) {
				long start = System.nanoTime();
				ArchivePage result = index.search(query);
				nanos.add(System.nanoTime() - start);
				hits += result.total();
				if (result.nextCursor() == null) {
					break;
				}
				query = query.after(result.nextCursor());
			}
		}
		print("searchAfter cursor, pages 1-50", nanos, hits);
	}

	private static void measure(ArchiveIndex index, String kind, List<ArchiveQuery> queries) {
		List<Long> nanos = new ArrayList<>();
		List<Long> cpus = new ArrayList<>();
		long hits = 0;
		for (ArchiveQuery query : queries) {
			long cpu = THREADS.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			hits += index.search(query).total();
			nanos.add(System.nanoTime() - start);
			cpus.add(THREADS.getCurrentThreadCpuTime() - cpu);
		}
		print(kind, nanos, hits);
		long[] sorted = cpus.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("%-34s CPU p50 %.2f ms, p99 %.2f ms, mean %.2f ms per query (this thread)%n", "",
				PostgresComparisonEvaluation.Tally.percentile(sorted, 0.5) / 1e6,
				PostgresComparisonEvaluation.Tally.percentile(sorted, 0.99) / 1e6,
				java.util.Arrays.stream(sorted).average().orElse(0) / 1e6);
	}

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** CPU time of the whole JVM (all threads), in nanoseconds. */
	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void print(String kind, List<Long> nanos, long hits) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("%-34s %6d %9.2f %9.2f %9.2f %,12d%n", kind, sorted.length,
				PostgresComparisonEvaluation.Tally.percentile(sorted, 0.5) / 1e6,
				PostgresComparisonEvaluation.Tally.percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6,
				hits / sorted.length);
	}

	/**
	 * Many searches in flight through the facade (its bounded scheduler), and an export.
	 */
	private static void reactiveThroughput(ArchiveIndex index, QuerySet queries) {
		List<ArchiveQuery> mix = new ArrayList<>();
		mix.addAll(queries.terms());
		mix.addAll(queries.pairs());
		mix.addAll(queries.phrases());
		mix.addAll(queries.filtered());
		try (ReactiveArchive archive = ReactiveArchive.create(index)) {
			for (int concurrency : new int[] { 1, 4, 16 }) {
				long start = System.nanoTime();
				long cpu = processCpu();
				Long done = Flux.fromIterable(mix).flatMap(archive::search, concurrency).count().block();
				double seconds = (System.nanoTime() - start) / 1e9;
				double cpuSeconds = (processCpu() - cpu) / 1e9;
				System.out.printf(
						"ReactiveArchive.search, %2d in flight: %,d queries in %.1f s = %.0f queries/s; %.1f s JVM CPU = %.0f queries per CPU-second%n",
						concurrency, done, seconds, done / seconds, cpuSeconds, done / cpuSeconds);
			}
			ArchiveQuery common = ArchiveQuery.text(queries.commonWord(), 20);
			long start = System.nanoTime();
			Long exported = archive.export(common).take(100_000).count().block();
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("ReactiveArchive.export(%s): %,d records in %.1f s = %,.0f records/s%n", common.q(),
					exported, seconds, exported / seconds);
		}
	}

	/** Bare Lucene: parsed queries, top 10 by score, no stored fields or snippets. */
	private static void rawSearcherThroughput(Path folder, QuerySet queries) throws Exception {
		SearchBoxParser parser = new SearchBoxParser(new BigramAnalysis(), Synonyms.load());
		List<Query> parsed = new ArrayList<>();
		for (List<ArchiveQuery> kind : List.of(queries.terms(), queries.pairs(), queries.phrases())) {
			kind.forEach((query) -> parsed.add(parser.parse(query.q())));
		}
		try (FSDirectory directory = FSDirectory.open(folder);
				DirectoryReader reader = DirectoryReader.open(directory)) {
			IndexSearcher searcher = new IndexSearcher(reader);
			for (Query query : parsed) {
				searcher.search(query, 10);
			}
			for (int threads : new int[] { 1, 2 }) {
				ExecutorService pool = Executors.newFixedThreadPool(threads);
				AtomicBoolean stop = new AtomicBoolean();
				List<Future<Long>> counts = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int offset = t * 97;
					counts.add(pool.submit(() -> {
						long n = 0;
						while (!stop.get()) {
							searcher.search(parsed.get((int) ((n + offset) % parsed.size())), 10);
							n++;
						}
						return n;
					}));
				}
				long cpu = processCpu();
				Thread.sleep(QPS_WINDOW.toMillis());
				stop.set(true);
				long total = 0;
				for (Future<Long> count : counts) {
					total += count.get();
				}
				double cpuSeconds = (processCpu() - cpu) / 1e9;
				pool.shutdown();
				System.out.printf(
						"IndexSearcher.search(query, 10), %d thread(s): %,d queries in %d s = %,.0f QPS; %.1f s JVM CPU = %,.0f queries per CPU-second%n",
						threads, total, QPS_WINDOW.toSeconds(), total / (double) QPS_WINDOW.toSeconds(), cpuSeconds,
						total / cpuSeconds);
			}
		}
	}

	private static void delete(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (var paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * The segmented letters as one running text: word ids in order, and the words.
	 */
	record Corpus(String[] vocabulary, int[] stream) {

		static Corpus load(Path csv) throws IOException {
			Map<String, Integer> ids = new HashMap<>();
			List<String> words = new ArrayList<>();
			int[] stream = new int[1 << 20];
			int length = 0;
			List<String> lines = Files.readAllLines(csv);
			for (String line : lines.subList(1, lines.size())) {
				// row,tokens,label: the tokens never contain commas
				int first = line.indexOf(',');
				int last = line.lastIndexOf(',');
				if (first < 0 || last <= first) {
					continue;
				}
				for (String word : line.substring(first + 1, last).replace("\"", "").split(" ")) {
					if (word.isEmpty()) {
						continue;
					}
					Integer id = ids.get(word);
					if (id == null) {
						id = words.size();
						ids.put(word, id);
						words.add(word);
					}
					if (length == stream.length) {
						stream = java.util.Arrays.copyOf(stream, length * 2);
					}
					stream[length++] = id;
				}
			}
			return new Corpus(words.toArray(String[]::new), java.util.Arrays.copyOf(stream, length));
		}

		/** A run of consecutive words, written without spaces. */
		String window(Random random, int minWords, int maxWords) {
			int words = minWords + random.nextInt(maxWords - minWords + 1);
			int from = random.nextInt(this.stream.length - words);
			StringBuilder text = new StringBuilder();
			for (int i = from; i < from + words; i++) {
				text.append(this.vocabulary[this.stream[i]]);
			}
			return text.toString();
		}

		/** A word drawn with its frequency in the letters. */
		String word(Random random, Pattern shape) {
			while (true) {
				String word = this.vocabulary[this.stream[random.nextInt(this.stream.length)]];
				if (shape.matcher(word).matches()) {
					return word;
				}
			}
		}

	}

	/**
	 * The synthetic records: record {@code n} is generated from its own seed, so any
	 * number of threads can generate them in any order and build the same index.
	 */
	static final class Records {

		private final Corpus corpus;

		private final int count;

		private final java.util.concurrent.atomic.LongAdder[] characters = {
				new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder(),
				new java.util.concurrent.atomic.LongAdder() };

		Records(Corpus corpus, int count) {
			this.corpus = corpus;
			this.count = count;
		}

		ArchiveDocument record(int number) {
			return record(new Random(0x9E3779B97F4A7C15L * (number + 1)), number);
		}

		private ArchiveDocument record(Random random, int number) {
			String region = region(random);
			List<String> units = new ArrayList<>();
			units.add(region + pick(random, BUREAUS));
			if (random.nextInt(5) == 0) {
				units.add(region + pick(random, BUREAUS));
			}
			String title = region + this.corpus.window(random, 3, 7);
			String letter = sentences(random, 3, 6, 12, 30);
			String reply = "网友您好！" + sentences(random, 2, 4, 10, 25) + units.getFirst();
			this.characters[0].add(title.length());
			this.characters[1].add(letter.length());
			this.characters[2].add(reply.length());
			Instant received = EPOCH.plusSeconds(random.nextLong(10L * 365 * 24 * 3600));
			int workingDays = 1 + random.nextInt(30);
			Instant replied = received.plus(Duration.ofDays(workingDays * 7L / 5));
			return new ArchiveDocument(String.format("BM%07d", number), pick(random, MAILBOXES), pick(random, NATURES),
					pick(random, FIELDS), region, units, title, letter, reply, received, received, received, replied,
					replied.plus(Duration.ofDays(1)), workingDays, 15, workingDays <= 15, random.nextInt(3), 0);
		}

		private String sentences(Random random, int min, int max, int minWords, int maxWords) {
			StringBuilder text = new StringBuilder();
			int sentences = min + random.nextInt(max - min + 1);
			for (int i = 0; i < sentences; i++) {
				text.append(this.corpus.window(random, minWords, maxWords)).append(random.nextInt(3) == 0 ? "。" : "，");
			}
			return text.toString();
		}

		double averageTitle() {
			return this.characters[0].sum() / (double) this.count;
		}

		double averageLetter() {
			return this.characters[1].sum() / (double) this.count;
		}

		double averageReply() {
			return this.characters[2].sum() / (double) this.count;
		}

		double averageCharacters() {
			return averageTitle() + averageLetter() + averageReply();
		}

	}

	static String region(Random random) {
		int n = random.nextInt(20);
		return (n < 9) ? "A" + (n + 1) + "区" : (char) ('B' + (n - 9)) + "市";
	}

	static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** The query mix, drawn from the same words with their frequencies (seed 7). */
	record QuerySet(List<ArchiveQuery> terms, List<ArchiveQuery> pairs, List<ArchiveQuery> phrases,
			List<ArchiveQuery> filtered, List<ArchiveQuery> browse, List<ArchiveQuery> lastPages,
			List<ArchiveQuery> deep, String commonWord) {

		static QuerySet sample(Corpus corpus, Random random) {
			List<ArchiveQuery> terms = new ArrayList<>();
			List<ArchiveQuery> pairs = new ArrayList<>();
			List<ArchiveQuery> phrases = new ArrayList<>();
			List<ArchiveQuery> filtered = new ArrayList<>();
			List<ArchiveQuery> browse = new ArrayList<>();
			List<ArchiveQuery> lastPages = new ArrayList<>();
			List<ArchiveQuery> deep = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				terms.add(query(corpus.word(random, TWO_HAN), Map.of(), null, 0, false));
				pairs.add(query(corpus.word(random, TWO_HAN) + " " + corpus.word(random, TWO_HAN), Map.of(), null, 0,
						false));
				phrases.add(query("\"" + phrase(corpus, random) + "\"", Map.of(), null, 0, false));
				Map<String, List<String>> filters = new LinkedHashMap<>();
				filters.put("region", List.of(region(random)));
				filters.put("year", List.of(Integer.toString(2015 + random.nextInt(10))));
				filtered.add(query(corpus.word(random, TWO_HAN), filters, null, 0, true));
			}
			for (int i = 0; i < 20; i++) {
				browse.add(query(null, (i % 2 == 0) ? Map.of() : Map.of("nature", List.of(pick(random, NATURES))),
						ArchiveSort.NEWEST, 0, true));
				lastPages.add(query(corpus.word(random, TWO_HAN), Map.of(), ArchiveSort.NEWEST, 499, false));
			}
			for (int i = 0; i < 10; i++) {
				deep.add(query(corpus.word(random, TWO_HAN), Map.of(), ArchiveSort.NEWEST, 0, false));
			}
			return new QuerySet(terms, pairs, phrases, filtered, browse, lastPages, deep, "问题");
		}

		/** Two consecutive two-character words of a letter. */
		private static String phrase(Corpus corpus, Random random) {
			while (true) {
				int at = random.nextInt(corpus.stream().length - 1);
				String first = corpus.vocabulary()[corpus.stream()[at]];
				String second = corpus.vocabulary()[corpus.stream()[at + 1]];
				if (TWO_HAN.matcher(first).matches() && TWO_HAN.matcher(second).matches()) {
					return first + second;
				}
			}
		}

		private static ArchiveQuery query(String q, Map<String, List<String>> filters, ArchiveSort sort, int page,
				boolean facets) {
			return new ArchiveQuery(q, filters, null, null, null, sort, page, 20, null, facets);
		}

	}

}
