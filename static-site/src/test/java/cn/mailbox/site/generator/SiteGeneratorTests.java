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
import cn.mailbox.site.pages.SitePages;

import static org.assertj.core.api.Assertions.assertThat;

class SiteGeneratorTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@TempDir
	Path data;

	Scheduler scheduler;

	TestRecords archive;

	SiteGenerator generator;

	@BeforeEach
	void setUp() {
		this.scheduler = Schedulers.newBoundedElastic(1, 1000, "site-test");
		this.archive = TestRecords.of(120);
		Instant now = Instant.parse("2024-06-03T02:00:00Z");
		List<BoardEntry> board = List.of(
				new BoardEntry("SZ900001", "complaint", "water", now.minus(Duration.ofDays(3)), 2,
						now.plus(Duration.ofDays(10)), false),
				new BoardEntry("SZ900002", "consultation", null, now.minus(Duration.ofDays(1)), 1, null, false));
		this.generator = new SiteGenerator(new SiteSettings(this.data.resolve("site"), null, null, ZONE, 20),
				SitePages.create(ZONE), this.archive, () -> Flux.fromIterable(board), Clock.fixed(now, ZoneOffset.UTC),
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
		for (String file : List.of("index.html", "archive/index.html", "archive/page-1.html", "archive/page-6.html",
				"stats/index.html", "board/index.html", "sitemap.xml", "robots.txt", "feeds/archive.atom",
				"feeds/units/water.atom", "units/water/index.html", "natures/complaint/index.html",
				"years/2022/index.html", "data/schema.json", "assets/site.css", "assets/site.js", "404.html")) {
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
		try (Stream<Path> files = Files.walk(site)) {
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
		Map<String, Object> after = keys(site);
		Set<String> touched = new TreeSet<>();
		after.forEach((path, key) -> {
			if (!key.equals(before.get(path))) {
				touched.add(path);
			}
		});
		assertThat(touched).contains("letters/SZ000121.html", "archive/index.html", "archive/page-7.html", "index.html",
				"stats/index.html", "feeds/archive.atom", "sitemap.xml", "data/letters.ndjson", "data/letters.csv");
		assertThat(touched).doesNotContain("letters/SZ000120.html", "archive/page-1.html", "archive/page-3.html",
				"assets/site.css", "board/index.html");
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
		long position = this.archive.withdraw("SZ000050");
		this.generator.apply(position, List.of("SZ000050")).block(Duration.ofSeconds(60));
		assertThat(site.resolve("letters/SZ000050.html")).doesNotExist();
		try (Stream<Path> files = Files.walk(site)) {
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
