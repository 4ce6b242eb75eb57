package cn.mailbox.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Search quality and latency of the archive's Lucene index against what a stock
 * PostgreSQL offers for Chinese, on the 2,816 real letters with replies (TipDM 2020 附件4:
 * title, letter and reply).
 * <p>
 * PostgreSQL has no Chinese parser: {@code to_tsvector('simple', …)} makes one lexeme of
 * every run of Han characters between punctuation, so a word is found only when it is a
 * whole clause. That is the honest full-text baseline. The second baseline is
 * {@code LIKE '%词%'} (exact, unranked) with a pg_trgm GIN index. The server is a real
 * one: the zonky PostgreSQL 17.6 binaries the portal embeds ({@link TestPostgres}).
 * <p>
 * Query sets: (1) generated from the data (seed 6): 2-character words and quoted 3- and
 * 4-character phrases cut from random Han runs of random letters; a letter is relevant
 * when its normalised text (NFKC, lower case) contains the phrase exactly. (2) Realistic
 * journalist queries with written judgments ({@link #JOURNALIST}): each says which
 * phrasings count as the concept (违建 also means 违法建设, 违章建筑…). Prints recall, precision,
 * P@10 and MRR@10 for both, latency p50/p99 of a top-10 request, and every generated
 * query our index misses (a search-quality bug).
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl search -am test -Dtest=PostgresComparisonEvaluation -Dsurefire.failIfNoSpecifiedTests=false}
 */
class PostgresComparisonEvaluation {

	private static final int TWO_CHARACTER_WORDS = 200;

	private static final int THREE_CHARACTER_PHRASES = 100;

	private static final int FOUR_CHARACTER_PHRASES = 100;

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

	/**
	 * Journalist queries and their judgments: a letter is relevant when its text matches
	 * every pattern (each a set of phrasings that mean the same thing to the reader).
	 */
	static final List<Judged> JOURNALIST = List.of(judged("违建", "违建|违法建设|违章建筑|违章搭建|违法建筑|私搭乱建"),
			judged("噪音 扰民", "噪音|噪声", "扰民"), judged("噪音扰民", "噪音|噪声", "扰民"), judged("\"物业费\"", "物业费|物业管理费"),
			judged("住建委", "住建委|住房和城乡建设委员会|住房城乡建设委员会"), judged("住建局", "住建局|住房和城乡建设局|住房城乡建设局"),
			judged("公积金 提取", "公积金", "提取"), judged("社保", "社保|社会保险"), judged("医保 报销", "医保|医疗保险|医疗保障", "报销"),
			judged("拖欠工资", "拖欠.{0,6}(工资|薪)|欠薪"), judged("油烟", "油烟"), judged("渣土车", "渣土车"), judged("广场舞", "广场舞"),
			judged("学位", "学位"), judged("网约车", "网约车"), judged("停水", "停水"), judged("拆迁 补偿", "拆迁|征收", "补偿"),
			judged("养老金", "养老金|退休金"), judged("幼儿园 收费", "幼儿园", "收费"), judged("城管", "城管|城市管理"),
			judged("A2区 物业", "a2区", "物业"), judged("停车位", "停车位|车位"), judged("低保", "低保|最低生活保障"),
			judged("垃圾站", "垃圾站|垃圾中转站"), judged("红绿灯", "红绿灯|信号灯"), judged("烂尾", "烂尾"), judged("房产证", "房产证|不动产权证"),
			judged("教师 工资", "教师|老师", "工资"), judged("共享单车", "共享单车"), judged("\"景蓉华苑\"", "景蓉华苑"));

	@Test
	void luceneAgainstPostgresFullTextAndTrigrams() throws Exception {
		Path data = Path.of(System.getProperty("mailbox.shared-data", "../shared/data"))
			.resolve("tipdm2020c/fujian4_replies.jsonl");
		assumeTrue(Files.exists(data),
				() -> "Skipped: real data not found at " + data.toAbsolutePath() + " (set -Dmailbox.shared-data=DIR)");
		List<ArchiveDocument> letters = SearchQualityEvaluation.load(data);
		Map<String, String> texts = new LinkedHashMap<>();
		letters.forEach((letter) -> texts.put(letter.trackingNumber(), normalized(letter)));
		List<Judged> generated = generated(texts);
		System.out.printf("%d letters; %d generated queries, %d journalist queries%n", letters.size(), generated.size(),
				JOURNALIST.size());
		List<String> misses = new ArrayList<>();
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory());
				TestPostgres postgres = TestPostgres.start(Path.of("target/postgres-eval"), "C.UTF-8");
				Connection sql = postgres.connect()) {
			index.rebuild(letters, 1);
			load(sql, letters);
			describe(sql);
			List<Engine> engines = List.of(new LuceneEngine(index), new PostgresEngine(sql, false),
					new PostgresEngine(sql, true));
			System.out.printf("%-22s %-28s %7s %9s %7s %7s %8s %8s %6s%n", "engine", "queries", "recall", "precision",
					"P@10", "MRR@10", "p50 ms", "p99 ms", "empty");
			Map<String, List<Judged>> sets = new LinkedHashMap<>();
			sets.put("2-character words", generated.stream().filter((q) -> q.kind() == 2).toList());
			sets.put("3-character phrases", generated.stream().filter((q) -> q.kind() == 3).toList());
			sets.put("4-character phrases", generated.stream().filter((q) -> q.kind() == 4).toList());
			sets.put("journalist (judged)", JOURNALIST);
			for (Engine engine : engines) {
				for (Judged warm : JOURNALIST) {
					engine.top10(warm.q());
				}
				for (Map.Entry<String, List<Judged>> set : sets.entrySet()) {
					Tally tally = new Tally();
					for (Judged query : set.getValue()) {
						Set<String> relevant = query.relevant(texts);
						List<String> all = engine.all(query.q());
						long start = System.nanoTime();
						engine.top10(query.q());
						tally.add(relevant, all, System.nanoTime() - start);
						if (engine instanceof LuceneEngine && query.kind() > 0 && !all.containsAll(relevant)) {
							Set<String> missed = new LinkedHashSet<>(relevant);
							missed.removeAll(all);
							misses.add(query.q() + " misses " + missed.size() + " of " + relevant.size() + " e.g. "
									+ context(texts.get(missed.iterator().next()), query.q().replace("\"", "")));
						}
					}
					tally.print(engine.name(), set.getKey() + " " + set.getValue().size());
				}
			}
			printJournalistDetail(texts, engines);
		}
		System.out.println("Generated queries the Lucene index misses: " + misses.size());
		misses.stream().limit(20).forEach((miss) -> System.out.println("  " + miss));
		assertThat(misses).as("every 2-4 character phrase of the letters is found").isEmpty();
	}

	/**
	 * Per journalist query: relevant letters and what each engine finds and gets right.
	 */
	private static void printJournalistDetail(Map<String, String> texts, List<Engine> engines) throws SQLException {
		System.out.printf("%-14s %8s", "journalist q", "relevant");
		engines.forEach((engine) -> System.out.printf(" %24s", engine.name() + " hits/right"));
		System.out.println();
		for (Judged query : JOURNALIST) {
			Set<String> relevant = query.relevant(texts);
			System.out.printf("%-14s %8d", query.q(), relevant.size());
			for (Engine engine : engines) {
				List<String> all = engine.all(query.q());
				System.out.printf(" %24s", all.size() + "/" + all.stream().filter(relevant::contains).count());
			}
			System.out.println();
		}
	}

	private static String context(String text, String phrase) {
		int at = text.indexOf(phrase.toLowerCase(Locale.ROOT));
		return (at < 0) ? "?"
				: "…" + text.substring(Math.max(0, at - 8), Math.min(text.length(), at + phrase.length() + 8))
					.replace('\n', '⏎') + "…";
	}

	/** Title, letter and reply as the judgments see them: NFKC, lower case. */
	static String normalized(ArchiveDocument letter) {
		String joined = letter.title() + "\n" + (letter.letter() == null ? "" : letter.letter()) + "\n"
				+ (letter.reply() == null ? "" : letter.reply());
		return Normalizer.normalize(joined, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	private static List<Judged> generated(Map<String, String> texts) {
		Random random = new Random(6);
		List<String> ids = new ArrayList<>(texts.keySet());
		Synonyms synonyms = Synonyms.load();
		Map<String, Judged> queries = new LinkedHashMap<>();
		int[][] plan = { { 2, TWO_CHARACTER_WORDS }, { 3, THREE_CHARACTER_PHRASES }, { 4, FOUR_CHARACTER_PHRASES } };
		for (int[] kind : plan) {
			int length = kind[0];
			int wanted = queries.size() + kind[1];
			while (queries.size() < wanted) {
				String text = texts.get(ids.get(random.nextInt(ids.size())));
				List<String> runs = HAN.matcher(text)
					.results()
					.map(MatchResult::group)
					.filter((run) -> run.length() >= length)
					.toList();
				if (runs.isEmpty()) {
					continue;
				}
				String run = runs.get(random.nextInt(runs.size()));
				int from = random.nextInt(run.length() - length + 1);
				String phrase = run.substring(from, from + length);
				if (synonyms.expand(phrase).size() > 1) {
					// measured exactly: a synonym would (rightly) add letters without the
					// phrase
					continue;
				}
				String q = (length == 2) ? phrase : "\"" + phrase + "\"";
				queries.putIfAbsent(q, new Judged(q, length, List.of(Pattern.compile(Pattern.quote(phrase)))));
			}
		}
		return new ArrayList<>(queries.values());
	}

	private static void load(Connection sql, List<ArchiveDocument> letters) throws SQLException {
		try (Statement ddl = sql.createStatement()) {
			ddl.execute("create extension if not exists pg_trgm");
			ddl.execute("""
					create table letter (
					  id text primary key,
					  received timestamptz not null,
					  title text not null,
					  doc text not null,
					  tsv tsvector generated always as (
					    setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', doc)) stored)
					""");
		}
		try (PreparedStatement insert = sql
			.prepareStatement("insert into letter (id, received, title, doc) values (?, ?, ?, ?)")) {
			for (ArchiveDocument letter : letters) {
				insert.setString(1, letter.trackingNumber());
				insert.setTimestamp(2, Timestamp.from(letter.receivedAt()));
				insert.setString(3,
						Normalizer.normalize(letter.title(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
				insert.setString(4, normalized(letter));
				insert.addBatch();
			}
			insert.executeBatch();
		}
		try (Statement ddl = sql.createStatement()) {
			ddl.execute("create index letter_tsv on letter using gin (tsv)");
			ddl.execute("create index letter_trgm on letter using gin (doc gin_trgm_ops)");
			ddl.execute("analyze letter");
		}
	}

	/**
	 * What the baselines can do with Chinese on this server, printed with the figures.
	 */
	private static void describe(Connection sql) throws SQLException {
		try (Statement query = sql.createStatement()) {
			print(query, "select version()");
			print(query, "select datcollate || ' / ' || datctype from pg_database where datname = current_database()");
			print(query, "select to_tsvector('simple', 'a2区景蓉华苑物业管理有问题，物业费太高')::text");
			print(query, "select show_trgm('物业管理')::text");
			print(query, "explain select id from letter where doc like '%物业%'");
			print(query, "explain select id from letter where doc like '%物业管理%'");
		}
	}

	private static void print(Statement query, String sql) throws SQLException {
		try (ResultSet rows = query.executeQuery(sql)) {
			List<String> lines = new ArrayList<>();
			while (rows.next()) {
				lines.add(rows.getString(1));
			}
			System.out.println(sql + "\n  → " + String.join("\n    ", lines));
		}
	}

	private static Judged judged(String q, String... patterns) {
		return new Judged(q, 0, Arrays.stream(patterns).map(Pattern::compile).toList());
	}

	/**
	 * A query and its judgment: relevant letters match every pattern; kind is the
	 * generated phrase length, 0 for a journalist query.
	 */
	record Judged(String q, int kind, List<Pattern> all) {

		Set<String> relevant(Map<String, String> texts) {
			return texts.entrySet()
				.stream()
				.filter((e) -> this.all.stream().allMatch((p) -> p.matcher(e.getValue()).find()))
				.map(Map.Entry::getKey)
				.collect(Collectors.toCollection(HashSet::new));
		}

	}

	/** A search engine under test: all matches in its order, and a top-10 request. */
	interface Engine {

		String name();

		List<String> all(String q) throws SQLException;

		void top10(String q) throws SQLException;

	}

	/** Our index, as the archive API calls it (relevance order, no snippets). */
	record LuceneEngine(ArchiveIndex index) implements Engine {

		@Override
		public String name() {
			return "lucene bigram";
		}

		@Override
		public List<String> all(String q) {
			List<String> ids = new ArrayList<>();
			ArchiveQuery query = new ArchiveQuery(q, Map.of(), null, null, null, ArchiveSort.RELEVANCE, 0, 200, null,
					false);
			while (true) {
				ArchivePage page = this.index.search(query, false);
				page.items().forEach((hit) -> ids.add(hit.document().trackingNumber()));
				if (page.nextCursor() == null) {
					return ids;
				}
				query = query.after(page.nextCursor());
			}
		}

		@Override
		public void top10(String q) {
			this.index.search(
					new ArchiveQuery(q, Map.of(), null, null, null, ArchiveSort.RELEVANCE, 0, 10, null, false), false);
		}

	}

	/**
	 * PostgreSQL: full text with the 'simple' configuration ranked by ts_rank, or
	 * {@code LIKE} per term (newest first, no ranking exists).
	 */
	record PostgresEngine(Connection sql, boolean like) implements Engine {

		@Override
		public String name() {
			return this.like ? "postgres like+trgm" : "postgres fts simple";
		}

		@Override
		public List<String> all(String q) throws SQLException {
			return ids(q, "");
		}

		@Override
		public void top10(String q) throws SQLException {
			ids(q, " limit 10");
		}

		private List<String> ids(String q, String limit) throws SQLException {
			List<String> terms = Arrays.stream(q.replace("\"", "").toLowerCase(Locale.ROOT).split("\\s+"))
				.filter((t) -> !t.isEmpty())
				.toList();
			String sql = this.like
					? "select id from letter where "
							+ terms.stream().map((t) -> "doc like ?").collect(Collectors.joining(" and "))
							+ " order by received desc, id" + limit
					: "select id from letter, plainto_tsquery('simple', ?) query where tsv @@ query"
							+ " order by ts_rank(tsv, query) desc, received desc, id" + limit;
			try (PreparedStatement statement = this.sql.prepareStatement(sql)) {
				if (this.like) {
					for (int i = 0; i < terms.size(); i++) {
						statement.setString(i + 1, "%" + terms.get(i).replaceAll("([%_\\\\])", "\\\\$1") + "%");
					}
				}
				else {
					statement.setString(1, String.join(" ", terms));
				}
				List<String> ids = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						ids.add(rows.getString(1));
					}
				}
				return ids;
			}
		}

	}

	/** Macro averages over queries, and top-10 latencies. */
	static final class Tally {

		private final List<Double> recall = new ArrayList<>();

		private final List<Double> precision = new ArrayList<>();

		private final List<Double> precisionAt10 = new ArrayList<>();

		private final List<Double> reciprocalRank = new ArrayList<>();

		private final List<Long> nanos = new ArrayList<>();

		private int empty;

		void add(Set<String> relevant, List<String> found, long nanos) {
			long right = found.stream().filter(relevant::contains).count();
			this.recall.add(relevant.isEmpty() ? 1.0 : (double) right / relevant.size());
			if (found.isEmpty()) {
				this.empty++;
			}
			else {
				this.precision.add((double) right / found.size());
			}
			List<String> top = found.subList(0, Math.min(10, found.size()));
			long rightInTop = top.stream().filter(relevant::contains).count();
			this.precisionAt10.add(relevant.isEmpty() ? 1.0 : (double) rightInTop / Math.min(10, relevant.size()));
			double rr = 0;
			for (int rank = 0; rank < top.size(); rank++) {
				if (relevant.contains(top.get(rank))) {
					rr = 1.0 / (rank + 1);
					break;
				}
			}
			this.reciprocalRank.add(rr);
			this.nanos.add(nanos);
		}

		void print(String engine, String set) {
			long[] sorted = this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("%-22s %-28s %7.3f %9.3f %7.3f %7.3f %8.2f %8.2f %6d%n", engine, set, mean(this.recall),
					mean(this.precision), mean(this.precisionAt10), mean(this.reciprocalRank),
					percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, this.empty);
		}

		private static double mean(List<Double> values) {
			return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}

		static long percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int rank = (int) Math.ceil(p * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
		}

	}

}
