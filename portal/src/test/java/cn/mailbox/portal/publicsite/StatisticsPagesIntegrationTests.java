package cn.mailbox.portal.publicsite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;

import cn.mailbox.moderation.statistics.DailyHandlingStatistics;
import cn.mailbox.moderation.statistics.LetterStatistics;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.browser.Browser;
import cn.mailbox.portal.browser.BrowserExtension;
import cn.mailbox.site.generator.SiteGenerator;
import cn.mailbox.site.generator.SiteUpdater;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The satisfaction rate on the live statistics and unit pages, the API and the generated
 * static site, from letters written straight into the moderation tables for exact
 * figures: eight letters to one unit (one handled jointly with another), six rated, three
 * of them satisfied, so 50 %; a unit with a single rating, whose rate is shown nowhere; a
 * unit with six ratings in January and one in March, whose March cannot be found by
 * subtracting published figures; and the writers' rating comments, which are private, on
 * no page and in no file.
 */
@PortalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BrowserExtension.class)
class StatisticsPagesIntegrationTests {

	static final String UNIT = "satisfaction-" + UUID.randomUUID().toString().substring(0, 8);

	static final String OTHER = UNIT + "-b";

	/** One rating (satisfied), and one published letter so that it has a unit page. */
	static final String FEW = UNIT + "-few";

	/** Six ratings in January 2013 (all satisfied), one in March (dissatisfied). */
	static final String SPLIT = UNIT + "-split";

	/** A rate shown over one to four ratings, as the pages would write it. */
	static final Pattern FEW_RATINGS_SHOWN = Pattern
		.compile("\\(\\d+/[1-4]\\)|\\d+% \\([1-4] ratings?\\)|\\d+%（[1-4] 件评价）");

	static final LocalDate JOINT_DAY = LocalDate.of(2013, 2, 7);

	static final String SATISFIED_COMMENT = "满意评价私密意见" + UUID.randomUUID();

	static final String DISSATISFIED_COMMENT = "不满意评价私密意见" + UUID.randomUUID();

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	SiteUpdater updater;

	@Autowired
	SiteGenerator generator;

	@Autowired
	LetterStatistics statistics;

	/**
	 * Letters of the joint letter's day before this class added it (the database
	 * persists).
	 */
	long jointDayBefore;

	@BeforeAll
	void eightLettersSixRatedThreeSatisfiedAndTwoPublished() {
		this.jointDayBefore = jointDayTotal();
		letter("2013-02-01T02:00:00Z", "satisfied", null);
		letter("2013-02-02T02:00:00Z", "dissatisfied", null);
		letter("2013-02-03T02:00:00Z", "basically_satisfied", null);
		letter("2013-02-04T02:00:00Z", "satisfied", SATISFIED_COMMENT);
		letter("2013-02-05T02:00:00Z", "dissatisfied", DISSATISFIED_COMMENT);
		letter("2013-02-05T03:00:00Z", "dissatisfied", null);
		letter("2013-02-06T02:00:00Z", null, null);
		// Handled jointly, not yet replied: once in the day's total, once for each unit.
		letter(List.of(UNIT, OTHER), "2013-02-07T02:00:00Z", null, null);
		letter(List.of(FEW), "2013-02-08T02:00:00Z", "satisfied", null);
		for (int day = 10; day < 16; day++) {
			letter(List.of(SPLIT), "2013-01-" + day + "T02:00:00Z", "satisfied", null);
		}
		letter(List.of(SPLIT), "2013-03-12T02:00:00Z", "dissatisfied", null);
		String prefix = "SAT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= 2; i++) {
			lines
				.append("{\"trackingNumber\":\"%s-%d\",\"mailbox\":\"mayor\",\"nature\":\"complaint\","
					.formatted(prefix, i))
				.append("\"field\":\"other\",\"region\":\"xishan\",\"unit\":\"")
				.append(UNIT)
				.append("\",\"title\":\"路灯不亮\",\"body\":\"小区路灯坏了。\",\"receivedAt\":\"2013-02-0")
				.append(3 + i)
				.append("T09:15\",\"reply\":\"已修好。\",\"repliedAt\":\"2013-02-0")
				.append(4 + i)
				.append("T16:00\"}\n");
		}
		lines.append("{\"trackingNumber\":\"%s-F\",\"mailbox\":\"mayor\",\"nature\":\"complaint\",".formatted(prefix))
			.append("\"field\":\"other\",\"region\":\"xishan\",\"unit\":\"")
			.append(FEW)
			.append("\",\"title\":\"井盖缺失\",\"body\":\"路口井盖丢了。\",\"receivedAt\":\"2013-02-08T09:15\",")
			.append("\"reply\":\"已补上。\",\"repliedAt\":\"2013-02-09T16:00\"}\n");
		assertThat(SiteFixtures.importLines(this.http, lines.toString()).get("imported")).isEqualTo(3);
		SiteFixtures.awaitSite(this.db, this.updater);
	}

	@Test
	void theLiveStatisticsPageShowsTheUnitsSatisfactionRateAndCounts() {
		String html = eventually(() -> get("/stats?lang=en"), (page) -> row(page, UNIT).contains("50% (3/6)"));
		// received, replied, published, on time, overdue, on-time rate, median,
		// satisfaction
		assertThat(cells(row(html, UNIT))).containsExactly("8", "6", "2", "2", "0", "100%", "1.0", "50% (3/6)");
		// Not the satisfaction-by-month chart: it charts the last 24 months of all the
		// test database's letters, which other tests' imports (2019 onwards) move past
		// 2013 once they have run, in this run or an earlier one on the same data folder.
		// StatisticsTests (static-site) checks that chart on fixed letters.
		assertThat(html).contains("Satisfaction rate by unit", "chart-satisfaction-unit", "Weekly report",
				"Monthly report");
	}

	@Test
	void countsAJointlyHandledLetterOnceInTheDaysTotalAndOnceForEachUnit() {
		assertThat(jointDayTotal()).isEqualTo(this.jointDayBefore + 1);
		assertThat(this.statistics.perUnitAndDay()
			.filter((row) -> row.day().equals(JOINT_DAY))
			.collectList()
			.block(Duration.ofSeconds(30))).filteredOn((row) -> UNIT.equals(row.unit()) || OTHER.equals(row.unit()))
			.extracting(DailyHandlingStatistics::received)
			.containsExactly(1L, 1L);
		assertThat(this.statistics.perUnitAndDay()
			.filter((row) -> UNIT.equals(row.unit()))
			.collectList()
			.block(Duration.ofSeconds(30)))
			.extracting(DailyHandlingStatistics::received, DailyHandlingStatistics::replied,
					DailyHandlingStatistics::rated, DailyHandlingStatistics::satisfied)
			.containsExactly(tuple(1L, 1L, 1L, 1L), tuple(1L, 1L, 1L, 0L), tuple(1L, 1L, 1L, 1L), tuple(1L, 1L, 1L, 1L),
					tuple(2L, 2L, 2L, 0L), tuple(1L, 0L, 0L, 0L), tuple(1L, 0L, 0L, 0L));
	}

	@Test
	void theLiveUnitPageShowsItsSatisfactionRate() {
		String html = eventually(() -> fetch("/units/" + UNIT + "?lang=en"),
				(page) -> page.contains("50% (6 ratings)"));
		assertThat(html).contains("Letters received</dt><dd>8</dd>", "Replied</dt><dd>6</dd>");
	}

	@Test
	void theStaticStatisticsAndUnitPagesShowTheSatisfactionRate() throws IOException {
		Path site = this.generator.root();
		String stats = eventually(() -> {
			this.generator.refresh().block(Duration.ofMinutes(1));
			return read(site.resolve("stats/index.html"));
		}, (page) -> row(page, UNIT).contains("50% (3/6)"));
		assertThat(cells(row(stats, UNIT))).containsExactly("8", "6", "2", "2", "0", "100%", "1.0", "50% (3/6)");
		assertThat(stats).contains("满意率", "各承办单位满意率").doesNotContain("<script>");
		try (Stream<Path> files = Files.walk(site.resolve("units").toRealPath())) {
			assertThat(files.filter(Files::isRegularFile).map(this::read).filter((page) -> page.contains(UNIT)))
				.anySatisfy((page) -> assertThat(page).contains("50%（6 件评价）"));
		}
	}

	/**
	 * The unit with one rating: no rate on the live pages, in the API (with or without
	 * dates) or in any file of the static site, but "fewer than 5 ratings".
	 */
	@Test
	void aUnitWithOneRatingShowsNoRateAnywhere() throws IOException {
		String stats = eventually(() -> get("/stats?lang=en"), (page) -> !row(page, FEW).isEmpty());
		assertThat(cells(row(stats, FEW))).last().isEqualTo("Fewer than 5 ratings: not published");
		assertThat(FEW_RATINGS_SHOWN.matcher(stats).find()).as(stats).isFalse();
		assertThat(satisfactionCharts(stats)).doesNotContain(FEW);
		String unit = eventually(() -> fetch("/units/" + FEW + "?lang=en"),
				(page) -> page.contains("Fewer than 5 ratings"));
		assertThat(unit).contains("Fewer than 5 ratings: not published").doesNotContain("100% (1 rating");
		assertThat(FEW_RATINGS_SHOWN.matcher(get("/stats")).find()).isFalse();
		for (String query : List.of("", "?from=2013-02-01&to=2013-02-28", "?from=2013-02-08&to=2013-02-08")) {
			assertThat(apiRows("/api/v1/stats" + query, FEW)).as(query).singleElement().satisfies((row) -> {
				assertThat(row).containsEntry("rated", 1).containsEntry("satisfactionRate", null);
				assertThat(row.get("satisfactionWithheld")).isIn("few_ratings", "whole_months_only");
			});
		}
		Path site = this.generator.root();
		String staticUnit = eventually(() -> {
			this.generator.refresh().block(Duration.ofMinutes(1));
			return read(site.resolve("units/" + FEW + "/index.html"));
		}, (page) -> page.contains("评价不足 5 件"));
		assertThat(staticUnit).contains("评价不足 5 件，不公布满意率");
		try (Stream<Path> files = Files.walk(site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String text = read(file);
				assertThat(FEW_RATINGS_SHOWN.matcher(text).find()).as(file.toString()).isFalse();
				assertThat(satisfactionCharts(text)).as(file.toString()).doesNotContain(FEW);
			}
		}
	}

	/**
	 * January's six ratings are published; March's single rating is not, and neither is
	 * anything that holds it, so no published figure minus another leaves March.
	 */
	@Test
	void aMonthWithOneRatingCannotBeFoundBySubtraction() {
		String stats = eventually(() -> get("/stats?lang=en"), (page) -> !row(page, SPLIT).isEmpty());
		assertThat(cells(row(stats, SPLIT))).last()
			.isEqualTo("Not published (it would reveal the rate of fewer than 5 ratings)");
		List<String> months = java.util.Arrays.asList(null, "2013-01", "2013-02", "2013-03");
		List<long[]> published = new java.util.ArrayList<>();
		for (String from : months) {
			for (String to : months) {
				if (from != null && to != null && to.compareTo(from) < 0) {
					continue;
				}
				String query = "?" + ((from != null) ? "from=" + from + "-01&" : "")
						+ ((to != null) ? "to=" + java.time.YearMonth.parse(to).atEndOfMonth() : "");
				for (Map<String, Object> row : apiRows("/api/v1/stats" + query, SPLIT)) {
					if (row.get("satisfactionRate") != null) {
						long first = (from != null) ? Integer.parseInt(from.substring(5)) : 1;
						long last = (to != null) ? Integer.parseInt(to.substring(5)) : 3;
						published.add(new long[] { first, last, ((Number) row.get("rated")).longValue() });
					}
				}
			}
		}
		assertThat(published).as("January alone, with and without open ends").isNotEmpty();
		assertThat(published).allSatisfy((window) -> assertThat(window[0]).as("starts in January").isEqualTo(1));
		assertThat(published).allSatisfy((window) -> assertThat(window[1]).as("stops before March").isLessThan(3));
		assertThat(published).allSatisfy((window) -> assertThat(window[2]).isEqualTo(6));
		Map<String, Object> january = apiRows("/api/v1/stats?from=2013-01-01&to=2013-01-31", SPLIT).get(0);
		assertThat(((Number) january.get("satisfactionRate")).doubleValue()).isEqualTo(1.0);
		assertThat(apiRows("/api/v1/stats", SPLIT).get(0)).containsEntry("satisfactionRate", null)
			.containsEntry("satisfactionWithheld", "protects_small_group");
		assertThat(apiRows("/api/v1/stats?from=2013-01-02&to=2013-03-31", SPLIT).get(0))
			.containsEntry("satisfactionRate", null)
			.containsEntry("satisfactionWithheld", "whole_months_only");
	}

	/**
	 * On a 360-pixel phone the page does not scroll sideways (the wide reports scroll in
	 * their own box), the charts fit and their text is drawn at least 11 pixels high, and
	 * axe-core finds no serious accessibility violation, live and static.
	 */
	@Test
	void theStatisticsPagesReadOnAPhone(Browser browser) {
		this.generator.refresh().block(Duration.ofMinutes(1));
		browser.driver().manage().window().setSize(new Dimension(360, 800));
		for (String page : List.of("/stats", "/site/stats/index.html", "/units/" + UNIT)) {
			browser.open(page);
			long viewport = ((Number) browser.script("return document.documentElement.clientWidth")).longValue();
			assertThat(viewport).as(page).isLessThanOrEqualTo(360);
			assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).longValue()).as(page)
				.isLessThanOrEqualTo(viewport);
			if (page.contains("stats")) {
				assertThat(((Number) browser.script(
						"return Math.max(...[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().right))"))
					.doubleValue()).as(page).isLessThanOrEqualTo(viewport);
				assertThat(((Number) browser.script(
						"return Math.min(...[...document.querySelectorAll('svg.chart text')].map(t => t.getBoundingClientRect().height))"))
					.doubleValue()).as(page).isGreaterThanOrEqualTo(11);
			}
			assertThat(browser.seriousAccessibilityViolations())
				.as(page + ": " + Browser.describe(browser.seriousAccessibilityViolations()))
				.isEmpty();
		}
	}

	@Test
	void noRatingCommentReachesAPageAFileOrTheApi() throws IOException {
		List<String> comments = List.of(SATISFIED_COMMENT, DISSATISFIED_COMMENT);
		for (String uri : List.of("/stats", "/stats?lang=en", "/units/" + UNIT, "/api/v1/stats", "/board",
				"/archive?q=" + UNIT)) {
			assertThat(get(uri)).as(uri).doesNotContain(comments);
		}
		this.generator.refresh().block(Duration.ofMinutes(1));
		try (Stream<Path> files = Files.walk(this.generator.root().toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(read(file)).as(file.toString()).doesNotContain(comments);
			}
		}
	}

	/** The API's statistics rows of one unit. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> apiRows(String uri, String unit) {
		Map<String, Object> stats = this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<Map<String, Object>>) stats.get("rows")).stream()
			.filter((row) -> unit.equals(row.get("unit")))
			.toList();
	}

	/** The satisfaction charts of a page (SVG and data tables), "" when it has none. */
	private static String satisfactionCharts(String page) {
		StringBuilder charts = new StringBuilder();
		for (String id : List.of("chart-satisfaction-unit-figure", "chart-satisfaction-month-figure")) {
			int start = page.indexOf("id=\"" + id + "\"");
			if (start >= 0) {
				charts.append(page, start, page.indexOf("</figure>", start));
			}
		}
		return charts.toString();
	}

	/**
	 * The body whatever the status (a unit page is 404 until the index has its letters).
	 */
	private String fetch(String uri) {
		String body = this.http.get().uri(uri).exchange().expectBody(String.class).returnResult().getResponseBody();
		return (body != null) ? body : "";
	}

	private long jointDayTotal() {
		return this.statistics.perUnitAndDay()
			.filter((row) -> row.unit() == null && row.day().equals(JOINT_DAY))
			.map(DailyHandlingStatistics::received)
			.reduce(0L, Long::sum)
			.block(Duration.ofSeconds(30));
	}

	private String get(String uri) {
		return this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * The handling counts are cached for a few seconds and the static site reads them
	 * with the board: retry until the figures are in, for at most half a minute.
	 */
	private static String eventually(java.util.function.Supplier<String> page,
			java.util.function.Predicate<String> ready) {
		Instant until = Instant.now().plusSeconds(30);
		String html = page.get();
		while (!ready.test(html) && Instant.now().isBefore(until)) {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			html = page.get();
		}
		return html;
	}

	/** The unit's row of the units table, or "" when there is none. */
	private static String row(String page, String unit) {
		int table = page.indexOf("id=\"units-heading\"");
		String html = (table < 0) ? "" : page.substring(table);
		Matcher row = Pattern
			.compile("<tr>\\s*<th scope=\"row\">(?:<a [^>]*>|<span>)?" + Pattern.quote(unit)
					+ "(?:</a>|</span>)?</th>(.*?)</tr>", Pattern.DOTALL)
			.matcher(html);
		return row.find() ? row.group(1) : "";
	}

	private static List<String> cells(String row) {
		return Pattern.compile("<td>(.*?)</td>").matcher(row).results().map((m) -> m.group(1)).toList();
	}

	private String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * A stored letter as the workflow leaves it after the citizen's rating, written
	 * directly for exact figures.
	 */
	private void letter(String receivedAt, String satisfaction, String comment) {
		letter(List.of(UNIT), receivedAt, satisfaction, comment);
	}

	private void letter(List<String> units, String receivedAt, String satisfaction, String comment) {
		String number = "SA" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		Instant at = Instant.parse(receivedAt);
		boolean replied = satisfaction != null;
		var insert = this.db.sql("""
				insert into letters (tracking_number, mailbox, nature, field, region, title, body, anonymous,
				    publication_consent, channel, access_code_hash, state, received_at, assigned_units, restricted,
				    reply_text, replied_at, reply_approved_at, feedback_satisfaction, feedback_comment, feedback_at)
				values (:n, 'mayor', 'complaint', 'other', 'xishan', '统计', '统计用来信', false, true, 'api', :hash,
				    :state, :at, :units, false, :reply, :repliedAt, :repliedAt, :satisfaction, :comment, :ratedAt)""")
			.bind("n", number)
			.bind("hash", new byte[] { 0 })
			.bind("state", replied ? "closed" : "in_progress")
			.bind("at", at)
			.bind("units", units.toArray(String[]::new));
		insert = replied ? insert.bind("reply", "答复").bind("repliedAt", at.plusSeconds(86_400))
				: insert.bindNull("reply", String.class).bindNull("repliedAt", Instant.class);
		insert = replied ? insert.bind("satisfaction", satisfaction).bind("ratedAt", at.plusSeconds(90_000))
				: insert.bindNull("satisfaction", String.class)
					.bindNull("comment", String.class)
					.bindNull("ratedAt", Instant.class);
		insert = (replied && comment != null) ? insert.bind("comment", comment)
				: (replied ? insert.bindNull("comment", String.class) : insert);
		insert.then().block(Duration.ofSeconds(10));
	}

}
