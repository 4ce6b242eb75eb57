package cn.mailbox.portal.publicsite;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.publication.Publisher;
import cn.mailbox.site.generator.LinkCheck;
import cn.mailbox.site.generator.SiteGenerator;
import cn.mailbox.site.generator.SiteUpdater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judged scenario of the static site: 300 letters imported through the staff API,
 * then the generated folder read from disk and through {@code /site/}; plus withdrawal,
 * incremental updates, privacy and the live pages rendered from the same templates.
 */
@PortalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticSiteIntegrationTests {

	static final String PREFIX = "ST2024";

	static final List<String> NUMBERS = IntStream.rangeClosed(1, 300)
		.mapToObj((i) -> String.format("%s-%06d", PREFIX, i))
		.toList();

	static final Map<String, Object> CITIZEN = Map.of("mailbox", "mayor", "nature", "complaint", "field", "environment",
			"region", "xishan", "title", "夜间施工噪音扰民请处理", "body", "西山区某工地每天夜里施工，噪音很大，请有关部门处理。", "name", "欧阳私密", "phone",
			"13755550123", "email", "ouyang.private@example.org", "anonymous", false);

	@Autowired
	WebTestClient http;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	SiteUpdater updater;

	@Autowired
	SiteGenerator generator;

	@Autowired
	Publisher publisher;

	Path site;

	@BeforeAll
	void importThreeHundredLettersAndWaitForTheSite() {
		Map<?, ?> result = importLines(SiteFixtures.ndjson(PREFIX, 1, 300));
		assertThat(result.get("imported")).isEqualTo(300);
		Map<String, Object> citizen = new HashMap<>(CITIZEN);
		citizen.put("publicationConsent", true);
		Citizens.post(this.http, citizen).expectStatus().is2xxSuccessful();
		awaitSite();
		this.site = this.generator.root();
	}

	@Test
	void everyPublishedLetterHasItsPageWithATimerAndEveryRelativeLinkResolves() throws IOException {
		List<String> published = publishedNumbers();
		assertThat(published).containsAll(NUMBERS);
		for (String number : published) {
			Path page = this.site.resolve("letters/" + number + ".html");
			assertThat(page).as(number).isRegularFile();
			assertThat(Files.readString(page)).contains("class=\"timer\"", "class=\"timeline\"", "data-received=");
		}
		assertThat(LinkCheck.check(this.site, null)).isEmpty();
		try (Stream<Path> files = Files.walk(this.site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
					.doesNotContain("http://localhost", "http://127.0.0.1");
			}
		}
	}

	@Test
	void theDumpsHoldEveryLetter() throws IOException {
		List<String> published = publishedNumbers();
		List<String> lines = Files.readAllLines(this.site.resolve("data/letters.ndjson"));
		assertThat(lines).hasSize(published.size());
		Set<String> inNdjson = lines.stream()
			.map((line) -> line.substring(19, line.indexOf('"', 19)))
			.collect(Collectors.toSet());
		assertThat(inNdjson).containsAll(published);
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(Files.readString(this.site.resolve("data/letters.csv"))))
			.getRecords();
		assertThat(rows.stream().map((row) -> row.get("trackingNumber")).toList())
			.containsExactlyInAnyOrderElementsOf(published);
		assertThat(this.site.resolve("data/schema.json")).isRegularFile();
	}

	@Test
	void thePortalServesTheFolderAtSiteAndRefusesPathsOutsideIt() {
		this.http.get()
			.uri("/site/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/html;charset=UTF-8");
		this.http.get()
			.uri("/site/letters/" + NUMBERS.get(0) + ".html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Content-Security-Policy")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains(NUMBERS.get(0), "class=\"timer\""));
		this.http.get().uri("/site/data/letters.csv").exchange().expectStatus().isOk();
		this.http.get().uri("/site/feeds/archive.atom").exchange().expectStatus().isOk();
		this.http.get().uri("/site/assets/site.js").exchange().expectStatus().isOk();
		for (String bad : List.of("/site/.manifest", "/site/%2e%2e/%2e%2e/pom.xml", "/site/..%2f..%2fpom.xml",
				"/site/letters/%2e%2e%2f%2e%2e%2f.manifest", "/site/nothing-here.html")) {
			this.http.get()
				.uri(java.net.URI.create("http://127.0.0.1:" + this.port + bad))
				.exchange()
				.expectStatus()
				.is4xxClientError();
		}
	}

	@Test
	void noPrivateFieldReachesAnyFileOfTheSite() throws IOException {
		List<String> secrets = new java.util.ArrayList<>(SiteFixtures.PRIVATE);
		secrets.addAll(List.of("欧阳私密", "13755550123", "ouyang.private@example.org"));
		try (Stream<Path> files = Files.walk(this.site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				for (String secret : secrets) {
					assertThat(text).as(file + " holds " + secret).doesNotContain(secret);
				}
			}
		}
	}

	@Test
	void aPublicationRewritesOnlyWhatItAffectsAndAWithdrawalRemovesThePageAndItsEntries() throws IOException {
		Map<String, Object> before = keys();
		// The database outlives a run: a number of its own, received after every fixture.
		String prefix = "SU" + (System.currentTimeMillis() % 100_000_000);
		importLines(SiteFixtures.ndjson(prefix, 1, 1)
			.replace("\"receivedAt\":\"2022", "\"receivedAt\":\"2026")
			.replace("\"repliedAt\":\"2022", "\"repliedAt\":\"2026"));
		awaitSite();
		Map<String, Object> after = keys();
		Set<String> touched = new TreeSet<>();
		after.forEach((path, key) -> {
			if (!key.equals(before.get(path))) {
				touched.add(path);
			}
		});
		assertThat(touched).contains("letters/" + prefix + "-000001.html", "archive/index.html", "index.html",
				"stats/index.html", "data/letters.ndjson", "data/letters.csv", "sitemap.xml", "feeds/archive.atom");
		assertThat(touched).noneMatch((path) -> path.startsWith("letters/") && !path.contains(prefix));
		assertThat(touched.size()).isLessThan(40);

		String withdrawn = NUMBERS.get(41);
		this.publisher.withdraw(withdrawn).block(Duration.ofSeconds(30));
		awaitSite();
		assertThat(this.site.resolve("letters/" + withdrawn + ".html")).doesNotExist();
		try (Stream<Path> files = Files.walk(this.site.toRealPath())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
					.doesNotContain(withdrawn);
			}
		}
		assertThat(LinkCheck.check(this.site, null)).isEmpty();
		this.http.get().uri("/archive/" + withdrawn).exchange().expectStatus().isNotFound();
	}

	@Test
	void theLivePagesRenderTheSameTemplatesWithSearchFacetsAndTimers() {
		this.http.get()
			.uri("/archive?q=电梯&size=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Content-Security-Policy")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("lang=\"zh-CN\"", "role=\"search\"", "/archive/",
					"class=\"facets\"", "rel=\"next\""));
		this.http.get()
			.uri("/archive/" + NUMBERS.get(2))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("class=\"timeline\"", "href=\"/units/", "<meter"));
		this.http.get().uri("/archive/NO-SUCH-LETTER").exchange().expectStatus().isNotFound();
		this.http.get()
			.uri("/units/water?lang=en")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("lang=\"en\"", "Unit: water", "On-time rate"));
		this.http.get()
			.uri("/stats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<svg", "chart-bar", "周报", "月报"));
		this.http.get()
			.uri("/board")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("公示栏", "site.js"));
		this.http.get().uri("/site-assets/site.css").exchange().expectStatus().isOk();
	}

	private Map<?, ?> importLines(String ndjson) {
		return SiteFixtures.importLines(this.http, ndjson);
	}

	private void awaitSite() {
		SiteFixtures.awaitSite(this.db, this.updater);
	}

	private List<String> publishedNumbers() {
		return this.db.sql("select tracking_number from public_letters")
			.map((row) -> row.get("tracking_number", String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	private Map<String, Object> keys() throws IOException {
		Path root = this.site.toRealPath();
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
