package cn.mailbox.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.gatling.javaapi.core.Session;

/**
 * Counts every request by name and status, with a millisecond histogram of response
 * times, and writes one JSON line per simulation ({@code target/load-summary/NAME.json},
 * also printed): requests, ok, ko by status (and every status in {@code byStatus}: a
 * flood's 429s are expected answers, not failures), p50/p95/p99, requests per second. A
 * request records itself with {@code .check(status().saveAs("status"),
 * responseTimeInMillis().saveAs("rt"), ...)} followed by
 * {@code exec(Summary.record(...))}. Only 429 and 503 are acceptable failures;
 * {@code unexpected} counts the others.
 */
final class Summary {

	private static final Map<String, Stats> STATS = new ConcurrentSkipListMap<>();

	private Summary() {
	}

	/** Records the last request's status and time under {@code name}. */
	static Function<Session, Session> record(String name, Integer... ok) {
		Set<Integer> okStatuses = Set.of(ok);
		Stats stats = STATS.computeIfAbsent(name, (key) -> new Stats(okStatuses));
		return (session) -> {
			int status = session.contains("status") ? session.getInt("status") : 0;
			long rt = session.contains("rt") ? session.getLong("rt") : 0;
			stats.add(status, rt);
			return session.remove("status").remove("rt");
		};
	}

	/** The 95th percentile of {@code name} so far, in milliseconds. */
	static long p95(String name) {
		Stats stats = STATS.get(name);
		return (stats != null) ? stats.percentile(0.95) : -1;
	}

	static long unexpected() {
		return STATS.values().stream().mapToLong(Stats::unexpected).sum();
	}

	/**
	 * Writes and prints the one-line summary; {@code extra} is added as is (JSON values).
	 */
	static String write(String simulation, Map<String, String> extra) {
		StringJoiner requests = new StringJoiner(",", "{", "}");
		STATS.forEach((name, stats) -> requests.add(quote(name) + ":" + stats.json()));
		StringJoiner line = new StringJoiner(",", "{", "}");
		line.add("\"simulation\":" + quote(simulation));
		line.add("\"requests\":" + requests);
		line.add("\"unexpected\":" + unexpected());
		extra.forEach((key, value) -> line.add(quote(key) + ":" + value));
		String json = line.toString();
		try {
			Path folder = Path.of(System.getProperty("summary.dir", "target/load-summary"));
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(simulation + ".json"), json + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("LOAD-SUMMARY " + json);
		return json;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static final class Stats {

		private static final int BUCKETS = 60_001;

		private final Set<Integer> ok;

		private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

		private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);

		private final LongAdder count = new LongAdder();

		private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);

		private final AtomicLong last = new AtomicLong();

		Stats(Set<Integer> ok) {
			this.ok = ok;
		}

		void add(int status, long rt) {
			long now = System.currentTimeMillis();
			this.first.accumulateAndGet(now - rt, Math::min);
			this.last.accumulateAndGet(now, Math::max);
			this.count.increment();
			this.byStatus.computeIfAbsent(status, (key) -> new LongAdder()).increment();
			this.histogram.incrementAndGet((int) Math.min(Math.max(rt, 0), BUCKETS - 1));
		}

		long unexpected() {
			return this.byStatus.entrySet()
				.stream()
				.filter((e) -> !this.ok.contains(e.getKey()) && e.getKey() != 429 && e.getKey() != 503)
				.mapToLong((e) -> e.getValue().sum())
				.sum();
		}

		long percentile(double p) {
			long total = this.count.sum();
			if (total == 0) {
				return -1;
			}
			long rank = (long) Math.ceil(p * total);
			long seen = 0;
			for (int ms = 0; ms < BUCKETS; ms++) {
				seen += this.histogram.get(ms);
				if (seen >= rank) {
					return ms;
				}
			}
			return BUCKETS - 1;
		}

		String json() {
			long total = this.count.sum();
			long okCount = this.byStatus.entrySet()
				.stream()
				.filter((e) -> this.ok.contains(e.getKey()))
				.mapToLong((e) -> e.getValue().sum())
				.sum();
			StringJoiner ko = new StringJoiner(",", "{", "}");
			this.byStatus.entrySet()
				.stream()
				.filter((e) -> !this.ok.contains(e.getKey()))
				.sorted(Map.Entry.comparingByKey())
				.forEach((e) -> ko.add("\"" + e.getKey() + "\":" + e.getValue().sum()));
			StringJoiner all = new StringJoiner(",", "{", "}");
			this.byStatus.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach((e) -> all.add("\"" + e.getKey() + "\":" + e.getValue().sum()));
			double seconds = Math.max(1, this.last.get() - this.first.get()) / 1000.0;
			return String.format(Locale.ROOT,
					"{\"requests\":%d,\"ok\":%d,\"ko\":%s,\"byStatus\":%s,\"p50\":%d,\"p95\":%d,\"p99\":%d,\"rps\":%.1f}",
					total, okCount, ko, all, percentile(0.50), percentile(0.95), percentile(0.99), total / seconds);
		}

	}

}
