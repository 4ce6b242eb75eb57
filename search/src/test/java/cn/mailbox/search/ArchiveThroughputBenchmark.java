package cn.mailbox.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The raw side of {@code load-tests/archive-bench.sh}: the queries the API was asked, run
 * in-process against the same index folder with as many threads as the API had
 * connections, for a fixed time.
 * <p>
 * Two figures: bare {@link IndexSearcher} throughput (the parsed query with the same
 * filters, top 20 by score: no stored fields, snippets or facets), the floor any search
 * API on this index pays, and {@link ArchiveIndex#search} throughput (page of 20 with
 * snippets and facets, exactly what the API asks of the index), which leaves only HTTP,
 * JSON and the reactive hop to the API. The portal must be stopped first: the second
 * figure opens the index's writer. Prints one line starting with {@code RAW } holding
 * JSON, which the script reads.
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl search -am test -Dtest=ArchiveThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dmailbox.benchmark.index=DATA/index -Dmailbox.benchmark.queries=OUT/queries.tsv}
 */
class ArchiveThroughputBenchmark {

	private static final int CONCURRENCY = Integer.getInteger("mailbox.benchmark.concurrency", 16);

	private static final int SECONDS = Integer.getInteger("mailbox.benchmark.seconds", 30);

	private static final int WARMUP_SECONDS = Integer.getInteger("mailbox.benchmark.warmup-seconds", 10);

	@Test
	void sameQueriesAsTheApi() throws Exception {
		String index = System.getProperty("mailbox.benchmark.index");
		String queries = System.getProperty("mailbox.benchmark.queries");
		assumeTrue(
				index != null && queries != null && Files.isDirectory(Path.of(index))
						&& Files.isRegularFile(Path.of(queries)),
				"Skipped: needs -Dmailbox.benchmark.index=DIR and -Dmailbox.benchmark.queries=FILE"
						+ " (load-tests/archive-bench.sh sets them)");
		Path folder = Path.of(index);
		List<ArchiveQuery> mix = read(Path.of(queries));
		System.out.printf("%,d queries, %d threads, %d s each after %d s warm-up, load average %s%n", mix.size(),
				CONCURRENCY, SECONDS, WARMUP_SECONDS, ArchiveBenchmark.loadAverage());
		SearchBoxParser parser = new SearchBoxParser(new BigramAnalysis(), Synonyms.load());
		List<Query> lucene = mix.stream().map((query) -> lucene(parser, query)).toList();
		Rate raw;
		try (FSDirectory directory = FSDirectory.open(folder);
				DirectoryReader reader = DirectoryReader.open(directory)) {
			IndexSearcher searcher = new IndexSearcher(reader);
			System.out.printf("index: %,d records in %d segments%n", reader.numDocs(), reader.leaves().size());
			raw = run("IndexSearcher.search(query, 20)", (n) -> searcher.search(lucene.get(n % lucene.size()), 20));
		}
		Rate service;
		try (ArchiveIndex archive = ArchiveIndex.open(folder)) {
			service = run("ArchiveIndex.search (20, snippets, facets)", (n) -> archive.search(mix.get(n % mix.size())));
		}
		System.out.printf(
				"RAW {\"rawQueriesPerSecond\":%.1f,\"rawCpuMsPerQuery\":%.2f,\"serviceQueriesPerSecond\":%.1f,\"serviceCpuMsPerQuery\":%.2f,\"threads\":%d,\"seconds\":%d}%n",
				raw.perSecond(), raw.cpuMsPerQuery(), service.perSecond(), service.cpuMsPerQuery(), CONCURRENCY,
				SECONDS);
	}

	/** The text query with the filters, as {@link ArchiveIndex} combines them. */
	private static Query lucene(SearchBoxParser parser, ArchiveQuery query) {
		BooleanQuery.Builder all = new BooleanQuery.Builder().add(parser.parse(query.q()), Occur.MUST);
		query.filters()
			.forEach((key, values) -> all
				.add(KeywordField.newSetQuery(key, values.stream().map(BytesRef::new).toList()), Occur.FILTER));
		return all.build();
	}

	/** Lines of q, region and year (tab-separated, the last two possibly empty). */
	private static List<ArchiveQuery> read(Path file) throws IOException {
		List<ArchiveQuery> queries = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("\t", -1);
			Map<String, List<String>> filters = new LinkedHashMap<>();
			if (parts.length > 2 && !parts[1].isEmpty()) {
				filters.put("region", List.of(parts[1]));
				filters.put("year", List.of(parts[2]));
			}
			// what the API's ArchiveParameters make of ?q=..&region=..&year=..
			queries.add(new ArchiveQuery(parts[0], filters, null, null, null, null, 0, 20, null, true));
		}
		return queries;
	}

	private static Rate run(String what, Work work) throws Exception {
		measure(work, WARMUP_SECONDS);
		long cpu = BulkLoad.processCpu();
		long queries = measure(work, SECONDS);
		double cpuMs = (BulkLoad.processCpu() - cpu) / 1e6;
		Rate rate = new Rate(queries / (double) SECONDS, cpuMs / queries);
		System.out.printf(
				"%-42s %d threads: %,d queries in %d s = %,.1f queries/s; %.2f ms JVM CPU per query;"
						+ " load average %s%n",
				what, CONCURRENCY, queries, SECONDS, rate.perSecond(), rate.cpuMsPerQuery(),
				ArchiveBenchmark.loadAverage());
		return rate;
	}

	private static long measure(Work work, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Long>> counts = new ArrayList<>();
		for (int t = 0; t < CONCURRENCY; t++) {
			int offset = t * 97;
			counts.add(pool.submit(() -> {
				long n = 0;
				while (!stop.get()) {
					work.run((int) (n + offset));
					n++;
				}
				return n;
			}));
		}
		Thread.sleep(seconds * 1000L);
		stop.set(true);
		long total = 0;
		for (Future<Long> count : counts) {
			total += count.get();
		}
		pool.shutdown();
		return total;
	}

	@FunctionalInterface
	private interface Work {

		void run(int n) throws Exception;

	}

	private record Rate(double perSecond, double cpuMsPerQuery) {

	}

}
