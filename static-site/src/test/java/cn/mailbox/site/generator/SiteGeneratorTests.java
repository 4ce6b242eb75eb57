package cn.mailbox.site.generator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import cn.mailbox.publication.PublicRecord;
import cn.mailbox.site.pages.BoardEntry;
import cn.mailbox.site.pages.HandlingCount;
import cn.mailbox.site.pages.SitePages;

import static org.assertj.core.api.Assertions.assertThat;

class SiteGeneratorTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@TempDir
	Path data;

	Scheduler scheduler;

	TestRecords archive;

	SiteGenerator generator;

	cn.mailbox.site.pages.BoardSource generatorBoard;

	@BeforeEach
	void setUp() {
		this.scheduler = Schedulers.newBoundedElastic(1, 1000, "site-test");
		this.archive = TestRecords.of(120);
		Instant now = Instant.parse("2024-06-03T02:00:00Z");
		List<BoardEntry> board = List.of(
				new BoardEntry("SZ900001", "complaint", "water", now.minus(Duration.ofDays(3)), 2,
						now.plus(Duration.ofDays(10)), false),
				new BoardEntry("SZ900002", "consultation", null, now.minus(Duration.ofDays(1)), 1, null, false));
		this.generatorBoard = () -> Flux.fromIterable(board);
		this.generator = new SiteGenerator(new SiteSettings(this.data.resolve("site"), null, null, ZONE, 20),
				SitePages.create(ZONE), this.archive, this.generatorBoard, Clock.fixed(now, ZoneOffset.UTC),
				this.scheduler);
	}

	@AfterEach
	void tearDown() {
		this.scheduler.dispose();
	}

	@Test
	void buildsAFolderWhoseRelativeLinksAllResolveAndWhereEveryLetterHasItsPageWithATimer() throws IOException {
		SiteGenerator.Report report = this.generator.open(this.archive.position().block(Duration.ofSeconds(60)))
			.block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		assertThat(report.letters()).isEqualTo(120);
		assertThat(LinkCheck.check(site, null)).isEmpty();
		for (PublicRecord record : this.archive.values()) {
			Path page = site.resolve(SiteGenerator.letterPath(record.trackingNumber()));
			String html = Files.readString(page);
			assertThat(html).contains("class=\"timer\"", "data-received=\"" + record.receivedAt() + "\"",
					"<ol class=\"timeline\">", "lang=\"zh-CN\"", "<main id=\"main\">");
		}
		for (String file : List.of("index.html", "archive/index.html", "archive/oldest.html", "stats/index.html",
				"board/index.html", "sitemap.xml", "robots.txt", "feeds/archive.atom", "feeds/units/water.atom",
				"units/water/index.html", "natures/complaint/index.html", "years/2022/index.html", "data/schema.json",
				"assets/site.css", "assets/site.js", "404.html")) {
			assertThat(site.resolve(file)).as(file).isRegularFile();
		}
		assertThat(Files.readString(site.resolve("index.html"))).contains("search-unavailable");
		assertThat(Files.readString(site.resolve("stats/index.html"))).contains("<svg", "chart-bar");
		assertThat(Files.readString(site.resolve("board/index.html"))).contains("data-since=\"", "data-until=\"",
				"SZ900001");
	}

	@Test
	void writesNoInlineScriptOrStyleAndEscapesHostileTitles() throws IOException {
		this.generator.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		try (Stream<Path> files = Files.walk(site.toRealPath())) {
			for (Path file : files.filter((p) -> p.toString().endsWith(".html")).toList()) {
				String html = Files.readString(file);
				assertThat(html).doesNotContain("<script>", " style=\"", "<style", "<script>alert");
			}
		}
		assertThat(Files.readString(site.resolve("letters/SZ000023.html"))).contains("&lt;script&gt;alert");
	}

	@Test
	void dumpsHoldEveryLetterAndParseBack() throws Exception {
		this.generator.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		List<String> lines = Files.readAllLines(site.resolve("data/letters.ndjson"));
		assertThat(lines).hasSize(120);
		assertThat(lines.get(0)).startsWith("{\"trackingNumber\":\"SZ000001\"");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(Files.readString(site.resolve("data/letters.csv"))))
			.getRecords();
		assertThat(rows).hasSize(120);
		assertThat(rows.get(0).get("trackingNumber")).isEqualTo("SZ000001");
		assertThat(rows.get(0).get("letter")).contains("\n");
		assertThat(DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(site.resolve("feeds/archive.atom").toFile())
			.getElementsByTagName("entry")
			.getLength()).isEqualTo(50);
		assertThat(DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(site.resolve("sitemap.xml").toFile())
			.getElementsByTagName("url")
			.getLength()).isGreaterThan(120);
	}

	@Test
	void aPublicationRewritesOnlyTheFilesItAffects() throws IOException {
		this.generator.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		Map<String, Object> before = keys(site);
		PublicRecord newest = TestRecords.record(121, new Random(7));
		long position = this.archive.publish(newest);
		SiteGenerator.Report report = this.generator.apply(position, List.of(newest.trackingNumber()))
			.block(Duration.ofSeconds(60));
		assertThat(this.generator.applied()).isEqualTo(position);
		this.generator.settled().block(Duration.ofSeconds(60));
		assertThat(this.generator.cursor()).isEqualTo(position);
		Map<String, Object> after = keys(site);
		Set<String> touched = new TreeSet<>();
		after.forEach((path, key) -> {
			if (!key.equals(before.get(path))) {
				touched.add(path);
			}
		});
		assertThat(touched).contains("letters/SZ000121.html", "archive/index.html", "index.html", "stats/index.html",
				"feeds/archive.atom", "sitemap.xml", "data/letters.ndjson", "data/letters.csv", "data/index.json");
		assertThat(touched).doesNotContain("letters/SZ000120.html", "archive/oldest.html", "assets/site.css",
				"board/index.html");
		// The newest archive page, and at most the two before it when a page was added.
		assertThat(touched.stream().filter((path) -> path.startsWith("archive/") && !path.endsWith("index.html")))
			.hasSizeBetween(1, 3);
		assertThat(touched.stream().filter((path) -> path.startsWith("data/parts/"))).hasSize(2);
		// Letter page, archive index and last two pages, its unit, nature and year lists
		// (index, last
		// pages), home, statistics, two feeds, sitemap, dumps, manifest.
		assertThat(touched.size()).isLessThan(30);
		assertThat(report.took()).isLessThan(Duration.ofSeconds(1));
		assertThat(LinkCheck.check(site, null)).isEmpty();
		assertThat(Files.readAllLines(site.resolve("data/letters.ndjson"))).hasSize(121);
	}

	@Test
	void aWithdrawalRemovesThePageAndEveryEntryOfTheLetter() throws IOException {
		this.generator.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		Map<String, Object> before = keys(site);
		long position = this.archive.withdraw("SZ000050");
		this.generator.apply(position, List.of("SZ000050")).block(Duration.ofSeconds(60));
		this.generator.settled().block(Duration.ofSeconds(60));
		assertThat(site.resolve("letters/SZ000050.html")).doesNotExist();
		Map<String, Object> after = keys(site);
		long archivePages = after.keySet()
			.stream()
			.filter((path) -> path.startsWith("archive/") && !path.equals("archive/index.html")
					&& !after.get(path).equals(before.get(path)))
			.count();
		// Pages are cut by content, not counted: the later pages do not shift.
		assertThat(archivePages).isBetween(1L, 5L);
		try (Stream<Path> files = Files.walk(site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
					.doesNotContain("SZ000050");
			}
		}
		assertThat(LinkCheck.check(site, null)).isEmpty();
		assertThat(this.generator.cursor()).isEqualTo(position);
	}

	@Test
	void reopeningAnUpToDateSiteWritesNothingAndAFullRebuildSwapsTheFolderAtOnce() throws IOException {
		long position = this.archive.position().block(Duration.ofSeconds(60));
		this.generator.open(position).block(Duration.ofSeconds(60));
		SiteGenerator.Report again = this.generator.open(position).block(Duration.ofSeconds(60));
		assertThat(again.written()).isZero();
		List<Long> progress = new java.util.ArrayList<>();
		SiteGenerator.Report rebuilt = this.generator.rebuild(position, (done, total) -> progress.add(done))
			.block(Duration.ofSeconds(60));
		assertThat(rebuilt.written()).isGreaterThan(120);
		assertThat(progress).isNotEmpty();
		Path site = this.data.resolve("site");
		assertThat(Files.isSymbolicLink(site)).isTrue();
		try (Stream<Path> builds = Files.list(this.data.resolve("site-builds"))) {
			assertThat(builds.count()).isEqualTo(1);
		}
		assertThat(LinkCheck.check(site, null)).isEmpty();
	}

	@Test
	void aSiteWhoseLettersWereAllWithdrawnStillHasItsArchiveIndexAndNoBrokenLink() throws IOException {
		this.generator.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		List<String> numbers = this.archive.values().stream().map(PublicRecord::trackingNumber).toList();
		long position = 0;
		for (String number : numbers) {
			position = this.archive.withdraw(number);
		}
		this.generator.apply(position, numbers).block(Duration.ofSeconds(60));
		this.generator.settled().block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		assertThat(site.resolve("archive/index.html")).isRegularFile();
		assertThat(LinkCheck.check(site, null)).isEmpty();
		assertThat(Files.readAllLines(site.resolve("data/letters.ndjson"))).isEmpty();
	}

	/**
	 * With handling counts where "water" has a single rating and "urban" six: no file of
	 * the folder shows a rate over fewer than five ratings, and "urban" shows its exact
	 * rate.
	 */
	@Test
	void noFileShowsASatisfactionRateOfFewerThanFiveRatings() throws IOException {
		java.time.LocalDate day = java.time.LocalDate.of(2022, 3, 1);
		List<HandlingCount> counts = List.of(new HandlingCount(null, null, day, 7, 7, 7, 4),
				new HandlingCount("water", "complaint", day, 1, 1, 1, 1),
				new HandlingCount("urban", "complaint", day, 6, 6, 6, 3));
		SiteGenerator withCounts = new SiteGenerator(new SiteSettings(this.data.resolve("site"), null, null, ZONE, 20),
				SitePages.create(ZONE), this.archive, this.generatorBoard, () -> Flux.fromIterable(counts),
				Clock.systemUTC(), this.scheduler);
		withCounts.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		Path site = this.data.resolve("site");
		java.util.regex.Pattern fewRatingsShown = java.util.regex.Pattern
			.compile("\\(\\d+/[1-4]\\)|\\d+% \\([1-4] ratings?\\)|\\d+%（[1-4] 件评价）");
		try (Stream<Path> files = Files.walk(site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				assertThat(fewRatingsShown.matcher(text).find()).as(file.toString()).isFalse();
				int chart = text.indexOf("id=\"chart-satisfaction-unit-figure\"");
				if (chart >= 0) {
					assertThat(text.substring(chart, text.indexOf("</figure>", chart))).doesNotContain("water")
						.contains("urban");
				}
			}
		}
		assertThat(Files.readString(site.resolve("units/water/index.html"))).contains("评价不足 5 件，不公布满意率");
		assertThat(Files.readString(site.resolve("units/urban/index.html"))).contains("50%（6 件评价）");
		assertThat(Files.readString(site.resolve("stats/index.html"))).contains("50% (3/6)", "评价不足 5 件，不公布满意率");
	}

	@Test
	void theSearchBoxCallsTheConfiguredSearchApi() throws IOException {
		SiteGenerator withSearch = new SiteGenerator(
				new SiteSettings(this.data.resolve("site"), "https://mailbox.example.gov.cn/", null, ZONE, 20),
				SitePages.create(ZONE), this.archive, null, Clock.systemUTC(), this.scheduler);
		withSearch.open(this.archive.position().block(Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		String home = Files.readString(this.data.resolve("site/index.html"));
		assertThat(home).contains("data-search-api=\"https://mailbox.example.gov.cn\"")
			.doesNotContain("search-unavailable");
		assertThat(LinkCheck.check(this.data.resolve("site"), "https://mailbox.example.gov.cn")).isEmpty();
	}

	@Test
	void publicationsWithdrawalsAndRepublicationsInAnyOrderEndByteForByteAsAFullBuild() throws IOException {
		long position = this.archive.position().block(Duration.ofSeconds(60));
		this.generator.open(position).block(Duration.ofSeconds(60));
		Random random = new Random(11);
		Map<String, PublicRecord> withdrawn = new HashMap<>();
		int next = 500;
		for (int step = 0; step < 40; step++) {
			List<String> numbers = new java.util.ArrayList<>();
			int changes = (step % 7 == 6) ? 3 : 1;
			for (int c = 0; c < changes; c++) {
				int kind = random.nextInt(4);
				List<PublicRecord> present = List.copyOf(this.archive.values());
				if (kind == 0 && !present.isEmpty()) {
					PublicRecord gone = present.get(random.nextInt(present.size()));
					withdrawn.put(gone.trackingNumber(), gone);
					position = this.archive.withdraw(gone.trackingNumber());
					numbers.add(gone.trackingNumber());
				}
				else if (kind == 1 && !withdrawn.isEmpty()) {
					String number = List.copyOf(withdrawn.keySet()).get(random.nextInt(withdrawn.size()));
					PublicRecord back = withdrawn.remove(number);
					// Republished with a corrected title and another unit: it moves
					// between lists.
					position = this.archive.publish(new PublicRecord(back.trackingNumber(), back.mailbox(),
							back.nature(), back.field(), back.region(), List.of("traffic"), back.title() + "（更正）",
							back.letter(), back.reply(), back.receivedAt(), back.acceptedAt(), back.assignedAt(),
							back.repliedAt(), back.publishedAt(), back.workingDays(), back.limitDays(), back.onTime(),
							back.reminders(), back.extensionDays()));
					numbers.add(number);
				}
				else {
					// A new letter, newest or received long ago (an import).
					int index = (kind == 2) ? next : random.nextInt(120) + 1;
					PublicRecord made = TestRecords.record(index, random);
					String number = String.format("SZ%06d", next++);
					position = this.archive.publish(new PublicRecord(number, made.mailbox(), made.nature(),
							made.field(), made.region(), made.units(), made.title(), made.letter(), made.reply(),
							made.receivedAt(), made.acceptedAt(), made.assignedAt(), made.repliedAt(),
							made.publishedAt(), made.workingDays(), made.limitDays(), made.onTime(), made.reminders(),
							made.extensionDays()));
					numbers.add(number);
				}
			}
			this.generator.apply(position, numbers).block(Duration.ofSeconds(60));
		}
		this.generator.settled().block(Duration.ofSeconds(60));
		assertThat(this.generator.cursor()).isEqualTo(position);
		Path site = this.data.resolve("site");
		assertThat(LinkCheck.check(site, null)).isEmpty();

		Instant now = Instant.parse("2024-06-03T02:00:00Z");
		SiteGenerator full = new SiteGenerator(new SiteSettings(this.data.resolve("other/full"), null, null, ZONE, 20),
				SitePages.create(ZONE), this.archive, this.generatorBoard, Clock.fixed(now, ZoneOffset.UTC),
				this.scheduler);
		full.rebuild(position, null).block(Duration.ofSeconds(60));
		Map<String, String> incremental = contents(site);
		Map<String, String> rebuilt = contents(this.data.resolve("other/full"));
		assertThat(incremental.keySet()).isEqualTo(rebuilt.keySet());
		rebuilt.forEach((path, text) -> assertThat(incremental.get(path)).as(path).isEqualTo(text));
		// The manifests (snapshot + journal on one side, a snapshot on the other) agree.
		Manifest mine = Manifest.read(site.toRealPath());
		Manifest theirs = Manifest.read(this.data.resolve("other/full").toRealPath());
		assertThat(mine.cursor()).isEqualTo(theirs.cursor()).isEqualTo(position);
		assertThat(mine.digests()).isEqualTo(theirs.digests());
	}

	private static Map<String, String> contents(Path site) throws IOException {
		Path root = site.toRealPath();
		Map<String, String> contents = new java.util.TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().startsWith("."))
				.toList()) {
				contents.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return contents;
	}

	/** Each file's identity: a file replaced by a rename gets a new one. */
	private static Map<String, Object> keys(Path site) throws IOException {
		Path root = site.toRealPath();
		Map<String, Object> keys = new HashMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				keys.put(root.relativize(file).toString(),
						Files.readAttributes(file, BasicFileAttributes.class).fileKey());
			}
		}
		return keys;
	}

}
